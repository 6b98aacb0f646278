import { strict as assert } from "node:assert";
import { errorCodes, graph } from "./support/graph-client";
import { IG, IGSID, startTestEmulator, userWrites, type TestEmulator } from "./support/emulator-fixture";

const DAY = 24 * 60 * 60 * 1000;

describe("emulator: Instagram Messaging", () => {
  let t: TestEmulator;
  const send = (json: unknown, path = `${IG.id}/messages`) => graph(t.emulator, "POST", path, { token: IG.token, json });
  const text = (body: string) => ({ recipient: { id: IGSID }, message: { text: body } });

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(() => t.emulator.stop());

  it("sends a text without messaging_type and answers {recipient_id, message_id}, also through /me/messages", async () => {
    await userWrites(t.emulator, "instagram");
    for (const path of [`${IG.id}/messages`, "me/messages"]) {
      const answer = await send(text("hi"), path);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.recipient_id, IGSID);
      assert.equal(typeof answer.body.message_id, "string");
    }
  });

  it("counts the text limit in UTF-8 bytes: 999 bytes pass, 1002 bytes (334 characters) do not", async () => {
    await userWrites(t.emulator, "instagram");
    assert.equal((await send(text("€".repeat(333)))).status, 200);
    assert.deepEqual(errorCodes(await send(text("€".repeat(334)))), { status: 400, code: 100, subcode: undefined });
  });

  it("refuses sender_action together with message, and unknown sender actions", async () => {
    await userWrites(t.emulator, "instagram");
    assert.equal(errorCodes(await send({ ...text("hi"), sender_action: "typing_on" })).code, 100);
    assert.equal(errorCodes(await send({ recipient: { id: IGSID }, sender_action: "dance" })).code, 100);
    assert.deepEqual((await send({ recipient: { id: IGSID }, sender_action: "typing_on" })).body, { recipient_id: IGSID });
  });

  it("reacts to a message of the conversation and refuses reactions to unknown messages", async () => {
    const mid = await userWrites(t.emulator, "instagram");
    const react = (messageId: string) => send({ recipient: { id: IGSID }, sender_action: "react", payload: { message_id: messageId, reaction: "love" } });
    assert.deepEqual((await react(mid)).body, { recipient_id: IGSID, message_id: mid });
    assert.equal(errorCodes(await react("not-a-mid")).code, 100);
  });

  it("refuses an unknown recipient with 100/2534014 and a closed window with 10/2534022", async () => {
    assert.equal(errorCodes(await send({ recipient: { id: "1" }, message: { text: "hi" } })).subcode, 2534014);
    assert.deepEqual(errorCodes(await send(text("hi"))), { status: 403, code: 10, subcode: 2534022 });
    await userWrites(t.emulator, "instagram");
    t.emulator.advanceClock(DAY + 1);
    assert.equal(errorCodes(await send(text("hi"))).subcode, 2534022);
    const tagged = { ...text("human"), messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" };
    assert.equal((await send(tagged)).status, 200);
  });

  it("echoes a sent message through the instagram object with is_echo", async () => {
    await userWrites(t.emulator, "instagram");
    const sent = await send(text("echo"));
    const [echo] = await t.emulator.waitForWebhooks({ network: "instagram", kind: "echo" });
    const payload = JSON.parse(echo!.rawBody) as { object: string; entry: { id: string; messaging: { sender: unknown; message: Record<string, unknown> }[] }[] };
    assert.equal(payload.object, "instagram");
    assert.equal(payload.entry[0]!.id, IG.id);
    assert.deepEqual(payload.entry[0]!.messaging[0]!.sender, { id: IG.id });
    assert.equal(payload.entry[0]!.messaging[0]!.message.is_echo, true);
    assert.equal(payload.entry[0]!.messaging[0]!.message.mid, sent.body.message_id);
  });

  it("answers profiles (name, username, profile_pic) only after the user wrote, else 230", async () => {
    const query = { fields: "name,username,profile_pic" };
    assert.equal(errorCodes(await graph(t.emulator, "GET", IGSID, { token: IG.token, query })).code, 230);
    await userWrites(t.emulator, "instagram");
    const answer = await graph(t.emulator, "GET", IGSID, { token: IG.token, query });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.name, "Ivy Gram");
    assert.equal(answer.body.username, "ivy.gram");
    assert.equal((await fetch(String(answer.body.profile_pic))).status, 200);
  });
});
