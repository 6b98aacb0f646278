import { strict as assert } from "node:assert";
import { canLookUpProfiles } from "../../../src/core/networks/capabilities";
import type { ChatKey, NetworkConnector, ProfileLookup } from "../../../src/core/networks/connector";
import { fromPlainText } from "../../../src/core/formatting/rich-text";
import { CASES, startHarness, type Harness } from "./harness";

const fb = CASES.find((c) => c.network === "messenger")!;
const ig = CASES.find((c) => c.network === "instagram")!;
const SILENT_IG_USER = "1234567890999999";
const UNNAMED_IG_USER = "1234567890888888";

function profiles(connector: NetworkConnector | undefined): NetworkConnector & ProfileLookup {
  assert.ok(connector && canLookUpProfiles(connector));
  return connector;
}

describe("Messenger and Instagram specifics against the Graph emulator", () => {
  let h: Harness;

  before(async () => {
    h = await startHarness({
      extraUsers: [
        { network: "instagram", id: SILENT_IG_USER, name: "Never Wrote" },
        { network: "instagram", id: UNNAMED_IG_USER, username: "no.name.here" },
      ],
    });
  });
  beforeEach(() => {
    h.sink.batches = [];
    h.emulator.clearSent();
  });

  it("Messenger: reads the name and downloads the picture", async () => {
    const connector = profiles(h.connectors.get("messenger"));
    const profile = await connector.getUserProfile(fb.account, fb.person);
    assert.equal(profile.name, "Peter Chang");
    assert.ok(profile.avatarUrl);
    const [request] = h.emulator.sent({ network: "messenger", kind: "profile" });
    assert.deepEqual(request!.query, { fields: "first_name,last_name,profile_pic" });
    const avatar = await connector.fetchAvatar(profile.avatarUrl, fb.account);
    assert.equal(avatar.mimeType, "image/png");
    assert.deepEqual([...avatar.data.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  it("Messenger: splits over 2000 characters", async () => {
    const connector = h.connectors.get("messenger")!;
    await h.emulator.inbound({ network: "messenger", accountId: fb.account, from: fb.person, text: "hi" });
    const chat: ChatKey = { network: "messenger", chatId: fb.person, receiver: fb.account };
    const result = await connector.sendMessage(chat, { kind: "text", content: fromPlainText("word ".repeat(500)) });
    const texts = h.emulator.sent({ network: "messenger", kind: "message" }).map((r) => (r.body as { message: { text: string } }).message.text);
    assert.equal(texts.length, 2);
    assert.ok(texts.every((t) => t.length <= 2000));
    assert.equal(result.messageIds.length, 2);
  });

  it("Instagram: reads the name once the person has written; an empty profile before (no consent)", async () => {
    const connector = profiles(h.connectors.get("instagram"));
    assert.deepEqual(await connector.getUserProfile(ig.account, SILENT_IG_USER), {});
    await h.emulator.inbound({ network: "instagram", accountId: ig.account, from: ig.person, text: "hi" });
    const profile = await connector.getUserProfile(ig.account, ig.person);
    assert.equal(profile.name, "Ines Insta");
    assert.equal((await connector.fetchAvatar(profile.avatarUrl!, ig.account)).mimeType, "image/png");
    const fields = h.emulator.sent({ network: "instagram", kind: "profile" }).map((r) => r.query.fields);
    assert.deepEqual(new Set(fields), new Set(["name,username,profile_pic"]));
  });

  it("Instagram: @username when the person has no name", async () => {
    const connector = profiles(h.connectors.get("instagram"));
    await h.emulator.inbound({ network: "instagram", accountId: ig.account, from: UNNAMED_IG_USER, text: "hi" });
    assert.deepEqual(await connector.getUserProfile(ig.account, UNNAMED_IG_USER), { name: "@no.name.here" });
  });

  it("Instagram: splits over 1000 UTF-8 bytes", async () => {
    const connector = h.connectors.get("instagram")!;
    await h.emulator.inbound({ network: "instagram", accountId: ig.account, from: ig.person, text: "hi" });
    const chat: ChatKey = { network: "instagram", chatId: ig.person, receiver: ig.account };
    const result = await connector.sendMessage(chat, { kind: "text", content: fromPlainText("héllo wörld ".repeat(100)) });
    const texts = h.emulator.sent({ network: "instagram", kind: "message" }).map((r) => (r.body as { message: { text: string } }).message.text);
    assert.equal(texts.length, 2);
    assert.ok(texts.every((t) => Buffer.byteLength(t) <= 1000));
    assert.equal(result.messageIds.length, 2);
  });
});
