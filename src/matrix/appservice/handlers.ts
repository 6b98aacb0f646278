import type { ThirdPartyProtocol } from "../../core/networks/connector";
import type { AppserviceTransaction } from "./transaction-body";

/** What the appservice HTTP API asks of the rest of the bridge. */
export interface AppserviceHandlers {
  /** Persist (and later process) a transaction; "duplicate" when the txnId was seen before. */
  acceptTransaction(txnId: string, transaction: AppserviceTransaction): Promise<"accepted" | "duplicate">;
  /** Create the user if it is one of ours; false → 404. */
  queryUser(userId: string): Promise<boolean>;
  /** Create the alias if it is one of ours; false → 404. */
  queryAlias(alias: string): Promise<boolean>;
  protocol(id: string): ThirdPartyProtocol | undefined;
}
