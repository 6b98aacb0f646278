import { strict as assert } from "node:assert";
import { startGraphEmulator } from "../../../src/emulator";
import { registerTeardown } from "../../support/fixtures";
import { errorCodes, graph } from "./support/graph-client";
import { IG, IGSID, PAGE, PSID, startTestEmulator, userWrites } from "./support/emulator-fixture";
import { startWebhookReceiver } from "./support/webhook-receiver";

const DAY = 24 * 60 * 60 * 1000;

const CASES = [
  { network: "messenger" as const, account: PAGE, person: PSID, windowSubcode: 2018278 },
  { network: "instagram" as const, account: IG, person: IGSID, windowSubcode: 2534022 },
];

for (const c of CASES) {
  describe(`emulator: the HUMAN_AGENT tag on ${c.network}`, () => {
    const tagged = { recipient: { id: c.person }, messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT", message: { text: "a person answers" } };

    it("is accepted from 24 hours to 7 days after the person's last message when the app has the permission (the default), refused after", async () => {
      const { emulator } = await startTestEmulator();
      const send = () => graph(emulator, "POST", `${c.account.id}/messages`, { token: c.account.token, json: tagged });
      await userWrites(emulator, c.network);
      emulator.advanceClock(2 * DAY);
      assert.equal((await send()).status, 200);
      emulator.advanceClock(5 * DAY - 1000);
      assert.equal((await send()).status, 200, "just under 7 days");
      emulator.advanceClock(2000);
      assert.deepEqual(errorCodes(await send()), { status: 403, code: 10, subcode: c.windowSubcode });
    });

    it("is refused with Graph's permission error (code 10, no subcode) when the account's app lacks the permission, inside the window too", async () => {
      const receiver = await startWebhookReceiver();
      const { account } = c;
      const emulator = await startGraphEmulator({
        accounts: [{ network: c.network, id: account.id, accessToken: account.token, appSecret: account.secret, webhookUrl: `${receiver.url}/webhooks`, humanAgent: false }],
        users: [{ network: c.network, id: c.person }],
      });
      registerTeardown(() => emulator.stop());
      const send = (json: unknown) => graph(emulator, "POST", `${account.id}/messages`, { token: account.token, json });
      await emulator.inbound({ network: c.network, accountId: account.id, from: c.person, text: "hi" });
      assert.deepEqual(errorCodes(await send(tagged)), { status: 403, code: 10, subcode: undefined });
      emulator.advanceClock(2 * DAY);
      assert.deepEqual(errorCodes(await send(tagged)), { status: 403, code: 10, subcode: undefined });
      const untagged = { recipient: { id: c.person }, ...(c.network === "messenger" ? { messaging_type: "RESPONSE" } : {}), message: { text: "x" } };
      assert.equal(errorCodes(await send(untagged)).subcode, c.windowSubcode, "without the tag, the window decides as always");
    });
  });
}
