import { strict as assert } from "node:assert";
import { NetworkError, type NetworkErrorReason } from "../../../src/core/networks/network-error";

/** Awaits `promise`, which must fail with a NetworkError of `reason` whose user message is or matches `message`. */
export async function expectRefusal(promise: Promise<unknown>, reason: NetworkErrorReason, message: RegExp | string): Promise<NetworkError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof NetworkError, String(err));
    assert.equal(err.reason, reason, err.userMessage);
    if (typeof message === "string") assert.equal(err.userMessage, message);
    else assert.match(err.userMessage, message);
    return err;
  }
  assert.fail("expected a NetworkError");
}
