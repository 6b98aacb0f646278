import { strict as assert } from "node:assert";
import { NetworkError, type NetworkErrorReason } from "../../../src/core/networks/network-error";
import { toNetworkError, type ErrorRule } from "../../../src/networks/meta/error-mapping";
import { GraphApiError, GraphTransportError } from "../../../src/networks/meta/graph-error";
import { INSTAGRAM_ERROR_RULES } from "../../../src/networks/instagram/errors";
import { MESSENGER_ERROR_RULES } from "../../../src/networks/messenger/errors";
import { WHATSAPP_ERROR_RULES } from "../../../src/networks/whatsapp/errors";

const TABLES: Record<string, { label: string; rules: readonly ErrorRule[] }> = {
  whatsapp: { label: "WhatsApp", rules: WHATSAPP_ERROR_RULES },
  messenger: { label: "Messenger", rules: MESSENGER_ERROR_RULES },
  instagram: { label: "Instagram", rules: INSTAGRAM_ERROR_RULES },
};

function map(network: string, code: number, subcode?: number, attempts = 1): NetworkError {
  const { label, rules } = TABLES[network]!;
  const error = new GraphApiError(400, { message: `(#${code}) x`, type: "OAuthException", code, subcode, fbtraceId: "TRACE42" }, attempts);
  return toNetworkError(error, { network, label, account: "Support", outcome: "the message was not sent" }, rules);
}

describe("Graph errors → NetworkError", () => {
  const table: [string, number, number | undefined, NetworkErrorReason, RegExp][] = [
    ["whatsapp", 190, 463, "auth", /rejected the access token of account Support: it has expired.*admin must renew the access token \(networks\.whatsapp\.accounts\)/],
    ["messenger", 190, 467, "auth", /no longer valid.*renew the access token/],
    ["instagram", 190, undefined, "auth", /expired or was revoked/],
    ["whatsapp", 0, undefined, "auth", /renew the access token/],
    ["whatsapp", 131047, undefined, "window-closed", /^The message was not sent: it has been more than 24 hours since this person last wrote on WhatsApp; they must write first, or you can send an approved message template \(the `template` command\)\.$/],
    ["messenger", 10, 2018278, "window-closed", /more than 24 hours since this person last wrote on Messenger; they must write first/],
    ["instagram", 10, 2534022, "window-closed", /more than 24 hours since this person last wrote on Instagram; they must write first/],
    ["messenger", 551, 1545041, "recipient-unavailable", /can't receive messages on Messenger right now/],
    ["instagram", 551, 1545041, "recipient-unavailable", /can't receive messages on Instagram/],
    ["whatsapp", 131026, undefined, "recipient-unavailable", /could not deliver to this person/],
    ["messenger", 100, 2018001, "recipient-unavailable", /knows no such person/],
    ["instagram", 100, 2534014, "recipient-unavailable", /cannot find this person/],
    ["whatsapp", 100, undefined, "invalid", /refused the request as invalid \(for example a text that is too long\)/],
    ["messenger", 100, 33, "invalid", /invalid/],
    ["messenger", 10, undefined, "permission", /lacks the Messenger permission this needs/],
    ["messenger", 10, 1893063, "permission", /temporarily restricted the Page/],
    ["instagram", 200, undefined, "permission", /lacks the Instagram permission this needs/],
    ["whatsapp", 250, undefined, "permission", /permission/],
    ["whatsapp", 131005, undefined, "permission", /whatsapp_business_messaging/],
    ["whatsapp", 131051, undefined, "unsupported", /does not support/],
    ["whatsapp", 131048, undefined, "rate-limited", /quality reasons/],
    ["whatsapp", 130429, undefined, "rate-limited", /rate-limiting account Support; the message was not sent after 1 attempt/],
    ["messenger", 613, undefined, "rate-limited", /rate-limiting/],
    ["instagram", 4, undefined, "rate-limited", /rate-limiting/],
    ["whatsapp", 131000, undefined, "temporary", /temporary problem/],
    ["messenger", 1200, undefined, "temporary", /temporary problem/],
    ["messenger", 2, undefined, "temporary", /temporary problem/],
    ["whatsapp", 999999, undefined, "unknown", /refused the request \(error 999999\)/],
  ];
  for (const [network, code, subcode, reason, message] of table) {
    it(`${network} ${code}${subcode !== undefined ? "/" + subcode : ""} → ${reason}`, () => {
      const mapped = map(network, code, subcode);
      assert.ok(mapped instanceof NetworkError);
      assert.equal(mapped.reason, reason);
      assert.match(mapped.userMessage, message);
      assert.match(mapped.detail, /fbtrace_id=TRACE42/);
      assert.match(mapped.detail, new RegExp(`graph code=${code}\\b`));
    });
  }

  it("says how many attempts were made once retries are exhausted", () => {
    assert.match(map("whatsapp", 131056, undefined, 5).userMessage, /after 5 attempts/);
    assert.match(map("whatsapp", 2, undefined, 4).detail, /attempts=4/);
  });

  it("maps a connection failure or a 5xx without a Graph body to temporary", () => {
    const ctx = { network: "whatsapp", label: "WhatsApp", account: "Support", outcome: "the message was not sent" };
    const reset = toNetworkError(new GraphTransportError("network", "connection failed: ECONNRESET", undefined, 5), ctx);
    assert.equal(reset.reason, "temporary");
    assert.match(reset.userMessage, /WhatsApp could not be reached \(connection failed\) after 5 attempts; the message was not sent\. Try again later\./);
    assert.match(reset.detail, /ECONNRESET/);
    const bad = toNetworkError(new GraphTransportError("http", "HTTP 502 without a Graph error body", 502, 3), ctx);
    assert.equal(bad.reason, "temporary");
    assert.match(bad.detail, /http=502 attempts=3/);
  });
});
