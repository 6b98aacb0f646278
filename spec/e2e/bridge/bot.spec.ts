import { strict as assert } from "node:assert";
import type { MatrixEvent } from "matrix-js-sdk";
import { E2E_SETUP_TIMEOUT_MS, getE2EEnvironment, uniqueLocalpart, type E2EEnvironment, type TestClient } from "../harness";

const fromBot = (env: E2EEnvironment, pattern: RegExp) => (event: MatrixEvent) =>
  event.getSender() === env.botUserId && event.getContent().msgtype === "m.notice" && pattern.test(String(event.getContent().body));

describe("the bridge bot (end to end)", function () {
  let env: E2EEnvironment;
  let alice: TestClient;
  let dm: string;

  before(async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    env = await getE2EEnvironment();
    alice = await env.createClient(await env.registerUser(uniqueLocalpart("alice")));
    dm = await alice.createDirectRoom(env.botUserId);
    await alice.waitForMembership(dm, env.botUserId, "join", 20_000);
  });

  it("has the display name from the config", async () => {
    for (let i = 0; i < 50; i++) {
      const profile = await alice.getProfile(env.botUserId).catch(() => ({ displayname: undefined }));
      if (profile.displayname === "Switchboard") return;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.fail("the bot's display name was never set");
  });

  it("greets a user who opens a direct chat with it", async () => {
    await alice.waitForEvent(dm, fromBot(env, /Send `help`/));
  });

  it("answers help with the list of commands", async () => {
    await alice.sendText(dm, "help");
    const reply = await alice.waitForEvent(dm, fromBot(env, /Switchboard commands/));
    for (const command of ["help", "ping", "version"]) assert.match(reply.getContent().body, new RegExp("`" + command));
    assert.match(reply.getContent().formatted_body, /<code>ping<\/code>/);
  });

  it("answers ping with the version, the homeserver round trip and every network's state", async () => {
    await alice.sendText(dm, "ping");
    const reply = await alice.waitForEvent(dm, fromBot(env, /^Pong!/));
    const body: string = reply.getContent().body;
    assert.match(body, /Switchboard \d+\.\d+\.\d+ is running; homeserver reaches the bridge in \d+ ms/);
    for (const network of ["WhatsApp", "Messenger", "Instagram"]) assert.match(body, new RegExp(`${network}: \\w+ — `));
  });

  it("answers version, also with the command prefix", async () => {
    await alice.sendText(dm, "!sb version");
    const reply = await alice.waitForEvent(dm, fromBot(env, /^Switchboard \d+\.\d+\.\d+ \(Node v/));
    assert.match(reply.getContent().body, /matrix-appservice-bridge 11\./);
  });

  it("answers an unknown command with what it does know", async () => {
    await alice.sendText(dm, "frobnicate now");
    const reply = await alice.waitForEvent(dm, fromBot(env, /Unknown command `frobnicate`/));
    assert.match(reply.getContent().body, /Send `help`/);
  });
});
