// Runs last (mocha sorts spec files): every encrypted event any client of the run holds must have
// decrypted, but for what no client could read by design (see DecryptionReport.expected).
import { strict as assert } from "node:assert";
import { decryptionReport } from "./harness";

const isBridgeUser = (userId: string) => /^@(switchboard|whatsapp_|messenger_|instagram_)/.test(userId);

describe("unable to decrypt, across the whole end-to-end run", () => {
  it("leaves none the bridge could have avoided", () => {
    const report = decryptionReport(isBridgeUser);
    assert.deepEqual(report.undecryptable, []);
    console.log(`      (${report.decrypted} encrypted events decrypted by the test clients; ${report.expected.length} unreadable by design: history from before a device or member existed, or withheld by a person's client from its unverified device)`);
  });
});
