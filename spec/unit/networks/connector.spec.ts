import { strict as assert } from "node:assert";
import { canLookUpProfiles } from "../../../src/core/networks/capabilities";
import type { ChatKey, RemoteEventSink } from "../../../src/core/networks/connector";
import { fromPlainText } from "../../../src/core/formatting/rich-text";
import { NetworkError } from "../../../src/core/networks/network-error";
import { instagramDescriptor } from "../../../src/networks/instagram/descriptor";
import { createMetaConnector } from "../../../src/networks/meta/create-connector";
import { MetaNetworkConnector } from "../../../src/networks/meta/meta-connector";
import { messengerDescriptor } from "../../../src/networks/messenger/descriptor";
import { whatsappDescriptor } from "../../../src/networks/whatsapp/descriptor";
import { graphError, noSleep, scriptedFetch, settings, type Scripted } from "./fake-graph";

const sink: RemoteEventSink = { accept: async () => undefined };
const waChat: ChatKey = { network: "whatsapp", chatId: "16505551234", receiver: "1000001" };
const waAnswer = (id: string) => ({ status: 200, json: { messaging_product: "whatsapp", contacts: [{ input: "16505551234", wa_id: "16505551234" }], messages: [{ id }] } });

function whatsapp(script: Scripted[]) {
  const { fetch, seen } = scriptedFetch(script);
  const connector = createMetaConnector(whatsappDescriptor, settings(), { fetch, ...noSleep, now: () => 0 });
  return { connector, seen };
}

describe("Meta connector", () => {
  it("lists its accounts with a label (the name, or the id)", () => {
    const { connector } = whatsapp([]);
    assert.deepEqual(connector.accounts(), [{ id: "1000001", label: "Support" }, { id: "1000002", label: "1000002" }]);
  });

  it("offers profile lookups on Messenger and Instagram only", () => {
    assert.equal(canLookUpProfiles(whatsapp([]).connector), false);
    assert.equal(canLookUpProfiles(createMetaConnector(messengerDescriptor, settings())), true);
    assert.equal(canLookUpProfiles(createMetaConnector(instagramDescriptor, settings())), true);
  });

  it("reports stopped, no account, and running", async () => {
    const bare = new MetaNetworkConnector(whatsappDescriptor);
    assert.deepEqual(bare.status(), { state: "stopped", detail: "stopped" });
    await bare.start(sink);
    assert.deepEqual(bare.status(), { state: "degraded", detail: "no account configured (networks.whatsapp.accounts)" });
    const { connector } = whatsapp([]);
    await connector.start(sink);
    assert.deepEqual(connector.status(), { state: "running", detail: "running — 2 accounts; no webhook yet" });
    await connector.stop();
    assert.equal(connector.status().state, "stopped");
  });

  it("sends with the account's own token, or the network's when it has none", async () => {
    const { connector, seen } = whatsapp([waAnswer("wamid.1")]);
    await connector.sendMessage(waChat, { kind: "text", content: fromPlainText("a") });
    await connector.sendMessage({ ...waChat, receiver: "1000002" }, { kind: "text", content: fromPlainText("b") });
    assert.deepEqual(seen.map((s) => [s.url, s.headers.authorization]), [
      ["https://graph.example/v26.0/1000001/messages", "Bearer support-token"],
      ["https://graph.example/v26.0/1000002/messages", "Bearer network-token"],
    ]);
  });

  it("returns the ids of every part in order", async () => {
    const { connector, seen } = whatsapp([waAnswer("wamid.1"), waAnswer("wamid.2"), waAnswer("wamid.3")]);
    const long = ["a", "b", "c"].map((c) => c.repeat(4000)).join("\n\n");
    const result = await connector.sendMessage(waChat, { kind: "text", content: fromPlainText(long) });
    assert.deepEqual(result, { messageIds: ["wamid.1", "wamid.2", "wamid.3"] });
    assert.equal(seen.length, 3);
  });

  it("says how much of a split message went out when a later part fails", async () => {
    const { connector } = whatsapp([waAnswer("wamid.1"), { status: 400, json: graphError(131047) }]);
    const long = "a".repeat(4000) + "\n\n" + "b".repeat(4000);
    await assert.rejects(connector.sendMessage(waChat, { kind: "text", content: fromPlainText(long) }), (e: unknown) => {
      assert.ok(e instanceof NetworkError);
      assert.equal(e.reason, "window-closed");
      assert.match(e.userMessage, /^Only 1 of its 2 parts were sent: it has been more than 24 hours/);
      return true;
    });
  });

  it("refuses an empty message and a chat through an account it does not have", async () => {
    const { connector, seen } = whatsapp([]);
    await assert.rejects(connector.sendMessage(waChat, { kind: "text", content: [] }), (e: unknown) => e instanceof NetworkError && e.reason === "invalid");
    await assert.rejects(connector.sendMessage({ ...waChat, receiver: "42424242" }, { kind: "text", content: fromPlainText("x") }), (e: unknown) => {
      assert.ok(e instanceof NetworkError);
      assert.equal(e.reason, "permission");
      assert.match(e.userMessage, /Account 42424242 is not configured for WhatsApp; the message was not sent\. An admin must add it to networks\.whatsapp\.accounts\./);
      return true;
    });
    assert.equal(seen.length, 0);
  });

  it("is degraded after a refused token until that account succeeds again", async () => {
    const { connector } = whatsapp([{ status: 401, json: graphError(190, 463) }, waAnswer("wamid.ok")]);
    await connector.start(sink);
    await assert.rejects(connector.sendMessage(waChat, { kind: "text", content: fromPlainText("x") }), (e: unknown) => e instanceof NetworkError && e.reason === "auth");
    assert.deepEqual(connector.status(), { state: "degraded", detail: "access token of account Support expired or revoked — renew it (networks.whatsapp.accounts)" });
    await connector.sendMessage(waChat, { kind: "text", content: fromPlainText("x") });
    assert.equal(connector.status().state, "running");
  });

  it("gives a NetworkError when a send answer has no message id", async () => {
    const { connector } = whatsapp([{ status: 200, json: { messaging_product: "whatsapp" } }]);
    await assert.rejects(connector.sendMessage(waChat, { kind: "text", content: fromPlainText("x") }), (e: unknown) => e instanceof NetworkError && e.reason === "unknown");
  });
});

describe("profile lookups", () => {
  function lookup(product: typeof messengerDescriptor, script: Scripted[]) {
    const { fetch, seen } = scriptedFetch(script);
    const connector = createMetaConnector(product, settings(), { fetch, ...noSleep });
    assert.ok(canLookUpProfiles(connector));
    return { connector, seen };
  }

  it("Messenger: first and last name, and the picture", async () => {
    const { connector, seen } = lookup(messengerDescriptor, [{ status: 200, json: { first_name: "Peter", last_name: "Chang", profile_pic: "https://cdn.example/p.jpg", id: "6543" } }]);
    assert.deepEqual(await connector.getUserProfile("1000001", "6543"), { name: "Peter Chang", avatarUrl: "https://cdn.example/p.jpg" });
    assert.equal(seen[0]!.url, "https://graph.example/v26.0/6543?fields=first_name%2Clast_name%2Cprofile_pic");
    assert.equal(seen[0]!.headers.authorization, "Bearer support-token");
  });

  it("Instagram: the name, or @username when there is none", async () => {
    const named = lookup(instagramDescriptor, [{ status: 200, json: { name: "Ines", username: "ines.insta", profile_pic: null, id: "1" } }]);
    assert.deepEqual(await named.connector.getUserProfile("1000001", "1"), { name: "Ines" });
    assert.equal(named.seen[0]!.url, "https://graph.example/v26.0/1?fields=name%2Cusername%2Cprofile_pic");
    const unnamed = lookup(instagramDescriptor, [{ status: 200, json: { name: null, username: "ines.insta", id: "1" } }]);
    assert.deepEqual(await unnamed.connector.getUserProfile("1000001", "1"), { name: "@ines.insta" });
  });

  it("returns an empty profile when Meta has none to give, and a NetworkError on real failures", async () => {
    const consent = lookup(instagramDescriptor, [{ status: 400, json: graphError(230) }]);
    assert.deepEqual(await consent.connector.getUserProfile("1000001", "1"), {});
    const expired = lookup(messengerDescriptor, [{ status: 400, json: graphError(190, 463) }]);
    await assert.rejects(expired.connector.getUserProfile("1000001", "1"), (e: unknown) => e instanceof NetworkError && e.reason === "auth" && /profile could not be read/i.test(e.userMessage));
  });
});
