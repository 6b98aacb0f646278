import type { ResolvedAccount } from "../graph/directory";

/** The whatsapp_business_account envelope around one change of field "messages". */
export function whatsappEnvelope(account: ResolvedAccount, value: Record<string, unknown>): unknown {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: account.wabaId,
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: account.displayPhoneNumber, phone_number_id: account.id },
              ...value,
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}

/** WhatsApp webhook timestamps are strings of Unix seconds. */
export function whatsappTimestamp(ms: number): string {
  return String(Math.floor(ms / 1000));
}
