import { EntitySchema } from "typeorm";
import { epochMillisTransformer } from "./epoch-millis";

export interface ProcessedTransactionRow {
  /** "matrix" for appservice transactions, a network id for webhook deliveries. */
  source: string;
  txnId: string;
  receivedAt: number;
}

export const ProcessedTransactionEntity = new EntitySchema<ProcessedTransactionRow>({
  name: "ProcessedTransaction",
  tableName: "processed_transactions",
  columns: {
    source: { type: "varchar", length: 32, primary: true },
    txnId: { name: "txn_id", type: "varchar", length: 255, primary: true },
    receivedAt: { name: "received_at", type: "bigint", transformer: epochMillisTransformer },
  },
});
