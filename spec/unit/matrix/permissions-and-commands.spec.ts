import { strict as assert } from "node:assert";
import { atLeast, permissionFor } from "../../../src/core/permissions";
import { renderNotice } from "../../../src/matrix/bot/notice-format";
import type { CommandContext } from "../../../src/matrix/commands/command";
import { createCommands } from "../../../src/matrix/commands/create-commands";
import { parseCommand } from "../../../src/matrix/commands/parse";

describe("permissions", () => {
  const rules = { "*": "relay", "example.org": "user", "@boss:example.org": "admin" } as const;

  it("takes the most specific entry: user id, then server, then *", () => {
    assert.equal(permissionFor("@boss:example.org", rules, "example.org"), "admin");
    assert.equal(permissionFor("@alice:example.org", rules, "example.org"), "user");
    assert.equal(permissionFor("@eve:elsewhere.net", rules, "example.org"), "relay");
    assert.equal(permissionFor("@eve:elsewhere.net", { "example.org": "user" }, "example.org"), "none");
  });

  it("lets the homeserver's own users in when no entries are configured", () => {
    assert.equal(permissionFor("@alice:example.org", {}, "example.org"), "user");
    assert.equal(permissionFor("@eve:elsewhere.net", {}, "example.org"), "none");
  });

  it("orders levels", () => {
    assert.ok(atLeast("admin", "user"));
    assert.ok(!atLeast("relay", "user"));
    assert.ok(!atLeast("none", "relay"));
  });
});

describe("command parsing", () => {
  it("needs no prefix in a management room, and the prefix elsewhere", () => {
    assert.deepEqual(parseCommand("  Ping  now ", "!sb", true), { name: "ping", args: ["now"] });
    assert.deepEqual(parseCommand("!sb ping", "!sb", true), { name: "ping", args: [] });
    assert.deepEqual(parseCommand("!SB help", "!sb", false), { name: "help", args: [] });
    assert.equal(parseCommand("ping", "!sb", false), undefined);
    assert.equal(parseCommand("!sbping", "!sb", false), undefined);
    assert.deepEqual(parseCommand("!sb", "!sb", false), { name: "", args: [] });
  });
});

describe("bot notices", () => {
  it("renders code and bold marks to HTML, escaping the rest", () => {
    const notice = renderNotice("**Hi** <b> `help`\nbye");
    assert.equal(notice.msgtype, "m.notice");
    assert.equal(notice.body, "Hi <b> `help`\nbye");
    assert.equal(notice.formatted_body, "<strong>Hi</strong> &lt;b&gt; <code>help</code><br>bye");
  });
});

describe("bot commands", () => {
  const status = {
    version: "9.9.9",
    networks: () => [
      { label: "WhatsApp", status: { state: "running" as const, detail: "2 accounts" } },
      { label: "Instagram", status: { state: "degraded" as const, detail: "token expired" } },
    ],
    pingHomeserver: async () => 12,
  };

  async function run(name: string, permission: CommandContext["permission"] = "user", overrides = {}) {
    const replies: string[] = [];
    const commands = createCommands("!sb", { ...status, ...overrides });
    await commands.run(name, { sender: "@a:x", roomId: "!r:x", permission, args: [], reply: async (m) => void replies.push(m) });
    return replies;
  }

  it("help lists every command", async () => {
    const [reply] = await run("help");
    for (const name of ["help", "ping", "version"]) assert.match(reply!, new RegExp("`" + name));
    assert.match(reply!, /`!sb`/);
  });

  it("ping answers with the version, the homeserver round trip and each network's state", async () => {
    const [reply] = await run("ping");
    assert.match(reply!, /Switchboard 9\.9\.9/);
    assert.match(reply!, /12 ms/);
    assert.match(reply!, /\*\*WhatsApp\*\*: running — 2 accounts/);
    assert.match(reply!, /\*\*Instagram\*\*: degraded — token expired/);
  });

  it("ping still answers when the homeserver cannot reach the bridge", async () => {
    const [reply] = await run("ping", "user", { pingHomeserver: async () => Promise.reject(new Error("connection refused")) });
    assert.match(reply!, /could not reach the bridge: connection refused/);
  });

  it("version names the bridge and its runtime", async () => {
    const [reply] = await run("version");
    assert.match(reply!, /Switchboard 9\.9\.9 \(Node v\d+/);
    assert.match(reply!, /matrix-appservice-bridge \d+\.\d+\.\d+/);
  });

  it("an unknown command gets a useful reply", async () => {
    const [reply] = await run("pign");
    assert.match(reply!, /Unknown command `pign`/);
    assert.match(reply!, /`help`/);
  });

  it("a user without permission is told what is needed", async () => {
    const [reply] = await run("ping", "relay");
    assert.match(reply!, /needs the \*\*user\*\* permission; you have \*\*relay\*\*/);
  });
});
