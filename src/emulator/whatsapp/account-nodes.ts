import { requestedFields, rejectUnknownKeys } from "../graph/params";
import type { GraphCall, GraphResult } from "../graph/product";

const PHONE_NUMBER_FIELDS = ["id", "display_phone_number", "verified_name", "quality_rating", "code_verification_status", "platform_type", "throughput", "name_status"];
const DEFAULT_FIELDS = ["verified_name", "code_verification_status", "display_phone_number", "quality_rating", "platform_type", "throughput", "id"];

/** GET /{phone_number_id}: what a bridge checks at start-up. */
export function describePhoneNumber(call: GraphCall): GraphResult {
  rejectUnknownKeys(call.params, ["fields"]);
  const { account } = call;
  const values: Record<string, unknown> = {
    id: account.id,
    display_phone_number: `+${account.displayPhoneNumber}`,
    verified_name: account.name,
    quality_rating: "GREEN",
    code_verification_status: "VERIFIED",
    platform_type: "CLOUD_API",
    throughput: { level: "STANDARD" },
    name_status: "APPROVED",
  };
  const fields = requestedFields(call.params, PHONE_NUMBER_FIELDS, DEFAULT_FIELDS, "WhatsAppBusinessPhoneNumber");
  return { body: Object.fromEntries(fields.map((field) => [field, values[field]])) };
}

/** POST /{waba_id}/subscribed_apps: subscribes the app to the account's webhooks. */
export function subscribeApp(call: GraphCall): GraphResult {
  rejectUnknownKeys(call.params, ["override_callback_uri", "verify_token"]);
  return { body: { success: true } };
}
