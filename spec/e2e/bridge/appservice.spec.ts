import { strict as assert } from "node:assert";
import type { MatrixEvent } from "matrix-js-sdk";
import { E2E_SETUP_TIMEOUT_MS, getE2EEnvironment, uniqueLocalpart, type E2EEnvironment, type TestClient } from "../harness";

describe("the appservice API on a real homeserver (end to end)", function () {
  let env: E2EEnvironment;
  let bob: TestClient;

  before(async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    env = await getE2EEnvironment();
    bob = await env.createClient(await env.registerUser(uniqueLocalpart("bob")));
  });

  async function displayNameEventually(userId: string, expected: string) {
    for (let i = 0; i < 100; i++) {
      const profile = await bob.getProfile(userId).catch(() => undefined);
      if (profile?.displayname === expected) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`${userId} never got the display name ${expected}`);
  }

  it("registers a ghost when the homeserver asks about it (user query), and only for valid ids", async () => {
    const ghost = `@whatsapp_15551234567:${env.serverName}`;
    const invalid = `@whatsapp_notanumber:${env.serverName}`;
    await assert.rejects(bob.getProfile(ghost), "the ghost does not exist before anything asks for it");
    const room = (await bob.matrix.createRoom({ name: "ghost query" })).room_id;
    // Synapse asks the appservice about an unknown user in its namespace before it pushes an
    // event naming that user (here: the invites), and the bridge registers the ghost.
    await bob.matrix.invite(room, invalid);
    await bob.matrix.invite(room, ghost);
    await displayNameEventually(ghost, "+15551234567 (WhatsApp)");
    await assert.rejects(bob.getProfile(invalid), "an id WhatsApp would not accept gets no ghost");
  });

  it("lists the three networks as third-party protocols through the homeserver", async () => {
    const protocols = (await bob.matrix.getThirdpartyProtocols()) as Record<string, { user_fields: string[]; instances: { network_id: string }[] }>;
    assert.deepEqual(Object.keys(protocols).sort(), ["instagram", "messenger", "whatsapp"]);
    assert.deepEqual(protocols.whatsapp!.user_fields, ["phone_number"]);
    assert.deepEqual(protocols.messenger!.user_fields, ["psid"]);
    assert.equal(protocols.instagram!.instances[0]!.network_id, "instagram");
  });

  describe("transactions", () => {
    let dm: string;

    before(async () => {
      dm = await bob.createDirectRoom(env.botUserId);
      await bob.waitForMembership(dm, env.botUserId, "join", 20_000);
    });

    const command = (body: string) => ({
      events: [
        {
          type: "m.room.message",
          room_id: dm,
          sender: bob.userId,
          event_id: `$injected-${Math.random().toString(36).slice(2)}`,
          origin_server_ts: Date.now(),
          content: { msgtype: "m.text", body },
        },
      ],
    });

    const putTransaction = (txnId: string, body: unknown, token: string) =>
      fetch(`${env.bridgeUrl}/_matrix/app/v1/transactions/${txnId}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    const botReplies = (pattern: RegExp) =>
      bob.matrix
        .getRoom(dm)!
        .getLiveTimeline()
        .getEvents()
        .filter((e: MatrixEvent) => e.getSender() === env.botUserId && pattern.test(String(e.getContent().body)));

    it("refuses a transaction with a wrong token and processes nothing of it", async () => {
      const txnId = `wrong-token-${Date.now()}`;
      const body = command("version");
      const before = botReplies(/^Switchboard \d/).length;
      const refused = await putTransaction(txnId, body, "not-the-hs-token");
      assert.equal(refused.status, 403);
      assert.equal(((await refused.json()) as { errcode: string }).errcode, "M_FORBIDDEN");
      // Had the refused transaction been recorded, this identical one would be dropped as a replay.
      const accepted = await putTransaction(txnId, body, env.registration.hs_token);
      assert.equal(accepted.status, 200);
      await bob.waitForEvent(dm, () => botReplies(/^Switchboard \d/).length === before + 1);
      assert.equal((await putTransaction(`${txnId}-next`, command("frobnicate"), env.registration.hs_token)).status, 200);
      await bob.waitForEvent(dm, (e) => e.getSender() === env.botUserId && /Unknown command `frobnicate`/.test(e.getContent().body));
      assert.equal(botReplies(/^Switchboard \d/).length, before + 1, "the command ran once");
    });

    it("acknowledges a replayed transaction without processing it again, also after a restart", async function () {
      this.timeout(60_000);
      const txnId = `replay-${Date.now()}`;
      const before = botReplies(/^Switchboard \d/).length;
      assert.equal((await putTransaction(txnId, command("version"), env.registration.hs_token)).status, 200);
      await bob.waitForEvent(dm, () => botReplies(/^Switchboard \d/).length === before + 1);

      await env.restartBridge();
      assert.equal((await putTransaction(txnId, command("version"), env.registration.hs_token)).status, 200);
      // Events of one room are handled in order: once this later command is answered, a replayed
      // version command would have been answered before it.
      assert.equal((await putTransaction(`${txnId}-next`, command("frobnicate"), env.registration.hs_token)).status, 200);
      await bob.waitForEvent(dm, (e) => e.getSender() === env.botUserId && /Unknown command `frobnicate`/.test(e.getContent().body));
      assert.equal(botReplies(/^Switchboard \d/).length, before + 1);
    });
  });
});
