import { rejectUnknownKeys, requestedFields, requireNonEmptyString } from "../params";
import type { GraphCall, GraphResult } from "../product";

/** GET /{page_id|ig_id|me}: the account the token acts for. */
export function describeAccount(call: GraphCall, nodeType: string, values: Record<string, unknown>): GraphResult {
  rejectUnknownKeys(call.params, ["fields"]);
  const fields = requestedFields(call.params, Object.keys(values), ["name", "id"], nodeType);
  return { body: Object.fromEntries(fields.map((field) => [field, values[field]])) };
}

/** POST /{page_id|ig_id|me}/subscribed_apps?subscribed_fields=messages,…: turns webhooks on for the account. */
export function subscribeApp(call: GraphCall): GraphResult {
  rejectUnknownKeys(call.params, ["subscribed_fields"]);
  requireNonEmptyString(call.params, "subscribed_fields");
  return { body: { success: true } };
}
