import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, ConfigMissingError } from "../../../src/config/errors";
import { loadConfig, parseConfig } from "../../../src/config/load";

const MINIMAL = `
homeserver:
  url: http://localhost:8008
  domain: example.org
networks:
  whatsapp: { enabled: true }
`;

const WHATSAPP_BLOCK = `
homeserver:
  url: http://localhost:8008
  domain: example.org
networks:
  whatsapp:
    enabled: true
`;

function problems(text: string, env: Record<string, string> = {}): string[] {
  try {
    parseConfig(text, "/etc/switchboard/config.yaml", env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
  assert.fail("expected a ConfigError");
}

describe("config loading", () => {
  it("fills defaults and resolves relative paths against the config's directory", () => {
    const { config } = parseConfig(MINIMAL, "/etc/switchboard/config.yaml");
    assert.equal(config.appservice.port, 29330);
    assert.equal(config.database.type, "sqlite");
    assert.equal(config.database.path, "/etc/switchboard/switchboard.db");
    assert.equal(config.appservice.registration, "/etc/switchboard/registration.yaml");
    assert.equal(config.networks.whatsapp.prefix, "whatsapp_");
    assert.equal(config.networks.whatsapp.displayname_template, "{name} (WhatsApp)");
    assert.equal(config.networks.messenger.enabled, false);
    assert.deepEqual(config.permissions, {});
  });

  it("accepts config.sample.yaml as it is", () => {
    const { config } = parseConfig(readFileSync("config.sample.yaml", "utf8"), "/x/config.yaml");
    assert.equal(config.homeserver.domain, "example.org");
    assert.deepEqual(
      Object.entries(config.networks).filter(([, n]) => n.enabled).map(([id]) => id),
      ["whatsapp", "messenger", "instagram"],
    );
  });

  it("names the key, the bad value and what was expected for a wrong type", () => {
    const [problem, ...rest] = problems(MINIMAL + "appservice:\n  port: seventy\n");
    assert.equal(rest.length, 0);
    assert.equal(problem, 'appservice.port: "seventy" is not valid (expected an integer from 1 to 65535)');
  });

  it("refuses an unknown key and lists the keys its section takes", () => {
    const [problem] = problems(MINIMAL + "bot:\n  usrname: bridge\n");
    assert.match(problem!, /^bot\.usrname: unknown key .*username, displayname, avatar, command_prefix/);
  });

  it("refuses a missing required key", () => {
    const [problem] = problems("homeserver:\n  url: http://localhost:8008\n");
    assert.match(problem!, /^homeserver\.domain: missing required key \(expected a server name/);
  });

  it("reports every problem at once", () => {
    const found = problems("homeserver: {url: ftp://x, domain: 'not a domain'}\nlogging: {level: loud}\n");
    assert.equal(found.length, 3, found.join("\n"));
    assert.ok(found.some((p) => p.startsWith('logging.level: "loud" is not valid (expected one of "debug", "info", "warn", "error")')));
  });

  it("refuses overlapping ghost prefixes and a bot inside a ghost namespace", () => {
    const found = problems(
      MINIMAL + "  messenger: { enabled: true, prefix: whatsapp_m_ }\nbot: { username: whatsapp_bot }\n",
    );
    assert.ok(found.some((p) => p.includes("networks.messenger.prefix and networks.whatsapp.prefix") || p.includes("networks.whatsapp.prefix and networks.messenger.prefix")), found.join("\n"));
    assert.ok(found.some((p) => p.startsWith('bot.username: "whatsapp_bot" falls inside networks.whatsapp.prefix')), found.join("\n"));
  });

  it("refuses encryption.default without encryption.enabled", () => {
    const [problem] = problems(MINIMAL + "encryption: { default: true }\n");
    assert.match(problem!, /encryption\.default: true needs encryption\.enabled: true/);
  });

  it("needs a long pickle key when encryption is enabled", () => {
    const [problem] = problems(MINIMAL + "encryption: { enabled: true, pickle_key: short }\n");
    assert.match(problem!, /^encryption\.pickle_key: missing or shorter than 32 characters/);
    const { config } = parseConfig(MINIMAL + "encryption: { enabled: true }\n", "/x/c.yaml", { SWITCHBOARD_ENCRYPTION_PICKLE_KEY: "k".repeat(32) });
    assert.equal(config.encryption.pickle_key.length, 32);
  });

  it("refuses bad permission keys and levels", () => {
    const found = problems(MINIMAL + 'permissions: { "@bob:example.org": superuser, "not a key": user }\n');
    assert.equal(found.length, 2, found.join("\n"));
    assert.ok(found.some((p) => p.startsWith('permissions."@bob:example.org": "superuser" is not valid (expected one of "relay", "user", "admin")')));
  });

  it("reports YAML syntax errors and duplicate keys", () => {
    assert.match(problems("homeserver: [unclosed\n")[0]!, /^YAML syntax/);
    assert.match(problems(MINIMAL + "logging: {}\nlogging: {}\n")[0]!, /^YAML syntax: .*unique/i);
  });

  it("hides secret values in messages", () => {
    const [problem] = problems(MINIMAL + "database: { uri: 'mysql://u:hunter2@h/db' }\n");
    assert.doesNotMatch(problem!, /hunter2/);
    assert.match(problem!, /^database\.uri: \(hidden, 22 characters\) is not valid/);
  });

  it("takes values from SWITCHBOARD_* variables and *_FILE files, over the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-config-"));
    writeFileSync(join(dir, "uri"), "postgres://sb:secret@db/sb\n");
    const { config, fromEnvironment } = parseConfig(MINIMAL, join(dir, "config.yaml"), {
      SWITCHBOARD_APPSERVICE_PORT: "8080",
      SWITCHBOARD_NETWORKS_MESSENGER_ENABLED: "true",
      SWITCHBOARD_DATABASE_TYPE: "postgres",
      SWITCHBOARD_DATABASE_URI_FILE: join(dir, "uri"),
      SWITCHBOARD_NETWORKS_WHATSAPP_DISPLAYNAME_TEMPLATE: "{name} [WA]",
    });
    assert.equal(config.appservice.port, 8080);
    assert.equal(config.networks.messenger.enabled, true);
    assert.equal(config.database.uri, "postgres://sb:secret@db/sb");
    assert.equal(config.networks.whatsapp.displayname_template, "{name} [WA]");
    assert.deepEqual(fromEnvironment.find((o) => o.path === "database.uri"), { path: "database.uri", variable: "SWITCHBOARD_DATABASE_URI_FILE" });
  });

  it("says which variable set a bad value", () => {
    const [problem] = problems(MINIMAL, { SWITCHBOARD_APPSERVICE_PORT: "0" });
    assert.equal(problem, "appservice.port: 0 is not valid (expected an integer from 1 to 65535) [set by SWITCHBOARD_APPSERVICE_PORT]");
  });

  it("tells the user how to start when the file does not exist", () => {
    assert.throws(() => loadConfig(join(tmpdir(), "no-such-dir", "config.yaml")), (err: unknown) => {
      assert.ok(err instanceof ConfigMissingError);
      assert.match(err.message, /cp config\.sample\.yaml config\.yaml/);
      assert.match(err.message, /--generate-registration/);
      return true;
    });
  });

  it("replaces ${VARIABLE} anywhere, also inside lists, and names an unset one", () => {
    const text = WHATSAPP_BLOCK + "    app_secret: ${WA_SECRET}\n    verify_token: v\n    accounts: [{ id: '106540352242922', access_token: '${WA_TOKEN}' }]\n";
    const { config } = parseConfig(text, "/x/config.yaml", { WA_SECRET: "s3cret", WA_TOKEN: "t0ken" });
    assert.equal(config.networks.whatsapp.app_secret, "s3cret");
    assert.equal(config.networks.whatsapp.accounts[0]!.access_token, "t0ken");
    const [problem] = problems(text, { WA_SECRET: "s3cret" });
    assert.equal(problem, "networks.whatsapp.accounts[0].access_token: (hidden, 11 characters) is not valid (expected the environment variable WA_TOKEN to be set)");
  });

  it("needs the app secret, verify token and a token for every account of an enabled network", () => {
    const found = problems(WHATSAPP_BLOCK + "    accounts: [{ id: '106540352242922' }, { id: '106540352242922', access_token: t }]\n");
    assert.deepEqual(found, [
      "networks.whatsapp.app_secret: missing (expected the value from the Meta app dashboard, or SWITCHBOARD_NETWORKS_WHATSAPP_APP_SECRET)",
      "networks.whatsapp.verify_token: missing (expected the value from the Meta app dashboard, or SWITCHBOARD_NETWORKS_WHATSAPP_VERIFY_TOKEN)",
      "networks.whatsapp.accounts[0].access_token: missing, and networks.whatsapp.access_token is empty too (expected a token for this account)",
      'networks.whatsapp.accounts[1].id: "106540352242922" is listed twice (expected each account once)',
    ]);
  });

  it("refuses malformed account ids, invite targets and Graph API versions", () => {
    const found = problems(WHATSAPP_BLOCK + "    accounts: [{ id: 'abc' }]\n    invite: [alice]\n    graph_api: { version: '26' }\n");
    assert.equal(found.length, 3, found.join("\n"));
    assert.ok(found.some((p) => p.startsWith('networks.whatsapp.accounts[0].id: "abc" is not valid (expected the phone number id (digits))')));
    assert.ok(found.some((p) => p.startsWith('networks.whatsapp.invite[0]: "alice" is not valid (expected a Matrix user id, room id or room alias)')));
  });
});
