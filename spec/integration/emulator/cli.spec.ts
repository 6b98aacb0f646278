import { strict as assert } from "node:assert";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { registerTeardown } from "../../support/fixtures";
import { tsxCommand, tsxEnv } from "../../support/tsx-command";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";

const CLI = resolve("src/emulator/cli.ts");

interface RunningCli {
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Starts the CLI on a free port and waits for the line naming its URL. */
async function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningCli> {
  const { command, args: argv } = tsxCommand(CLI, ["--port", "0", ...args]);
  const child: ChildProcess = spawn(command, argv, { env: tsxEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  registerTeardown(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const url = await new Promise<string>((found, failed) => {
    const timer = setTimeout(() => failed(new Error(`the CLI did not start: ${stdout}${stderr}`)), 20_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        found(match[1]!);
      }
    };
    child.stdout!.on("data", check);
    void exited.then(() => failed(new Error(`the CLI exited early: ${stdout}${stderr}`)));
  });
  return {
    url,
    output: () => stdout,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

function runCli(args: string[]) {
  const { command, args: argv } = tsxCommand(CLI, args);
  return spawnSync(command, argv, { encoding: "utf8", env: tsxEnv(), timeout: 30_000 });
}

describe("emulator: the command line", function () {
  this.timeout(60_000);
  let dir: string;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "sb-emulator-cli-"));
    receiver = await startWebhookReceiver();
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeConfig(): string {
    const port = new URL(receiver.url).port;
    const path = join(dir, "config.yaml");
    writeFileSync(
      path,
      [
        "homeserver: { url: http://127.0.0.1:8008, domain: example.org }",
        `webhooks: { hostname: 127.0.0.1, port: ${port} }`,
        "networks:",
        "  whatsapp:",
        "    enabled: true",
        "    access_token: ${EMULATOR_TEST_WA_TOKEN}",
        "    app_secret: wa-secret-from-config",
        "    verify_token: wa-verify",
        "    accounts:",
        "      - { id: '106540352242922', name: Shop, waba_id: '102290129340398' }",
        "      - { id: '106540352242923', access_token: own-token }",
        "  messenger:",
        "    enabled: false",
        "    app_secret: unused",
        "    accounts: [{ id: '1111111111' }]",
        "",
      ].join("\n"),
    );
    return path;
  }

  it("serves the accounts of a Switchboard config, delivers signed webhooks to its listener, and stops on SIGTERM", async () => {
    const cli = await startCli(["-c", writeConfig()], { EMULATOR_TEST_WA_TOKEN: "token-from-env" });
    assert.match(cli.output(), /base_url: http:\/\/127\.0\.0\.1:\d+/);
    assert.match(cli.output(), /curl -sS -X POST http:\/\/127\.0\.0\.1:\d+\/_emulator\/inbound/);
    assert.doesNotMatch(cli.output(), /messenger/, "disabled networks are left out");

    const inbound = await fetch(`${cli.url}/_emulator/inbound`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ network: "whatsapp", accountId: "106540352242922", from: "15550001111", text: "hi" }),
    });
    assert.equal(inbound.status, 200);
    const [webhook] = await receiver.waitFor(1);
    assert.equal(webhook!.path, "/webhooks/whatsapp");
    assert.equal(webhook!.headers["x-hub-signature-256"], "sha256=" + createHmac("sha256", "wa-secret-from-config").update(webhook!.raw).digest("hex"));

    const send = (account: string, token: string) =>
      fetch(`${cli.url}/v26.0/${account}/messages`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ messaging_product: "whatsapp", to: "15550001111", type: "text", text: { body: "hello" } }),
      });
    assert.equal((await send("106540352242922", "token-from-env")).status, 200, "the ${VARIABLE} token");
    assert.equal((await send("106540352242923", "token-from-env")).status, 401, "an account's own token replaces the network's");
    const templates = await fetch(`${cli.url}/v26.0/102290129340398/message_templates?fields=name`, { headers: { Authorization: "Bearer token-from-env" } });
    assert.equal(templates.status, 200, "the account's waba_id is its WABA in the emulator");
    assert.equal(await cli.stop(), 0);
  });

  it("makes up demo accounts and a demo person without a config, printing config to paste", async () => {
    const cli = await startCli(["--webhooks-url", receiver.url]);
    const snippet = cli.output().split("config.yaml (demo credentials):\n")[1]!.split("\n\n")[0]!;
    const config = parse(snippet.replace(/^ {2}/gm, "")) as { networks: Record<string, { access_token: string; accounts: { id: string }[] }> };
    assert.deepEqual(Object.keys(config.networks), ["whatsapp", "messenger", "instagram"]);
    const page = config.networks.messenger!;
    const inbound = await fetch(`${cli.url}/_emulator/inbound`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ network: "messenger", accountId: page.accounts[0]!.id, from: "7000000000000001", text: "hi" }),
    });
    assert.equal(inbound.status, 200);
    const whatsapp = config.networks.whatsapp as unknown as { access_token: string; accounts: { waba_id: string }[] };
    const templates = await fetch(`${cli.url}/v26.0/${whatsapp.accounts[0]!.waba_id}/message_templates?fields=name&access_token=${whatsapp.access_token}`);
    assert.ok(((await templates.json()) as { data: { name: string }[] }).data.some((x) => x.name === "hello_world"), "the demo WABA has the demo templates");
    const profile = await fetch(`${cli.url}/v26.0/7000000000000001?fields=first_name,profile_pic&access_token=${page.access_token}`);
    const body = (await profile.json()) as { first_name: string; profile_pic: string };
    assert.equal(body.first_name, "Dana");
    assert.equal((await fetch(body.profile_pic)).headers.get("content-type"), "image/png");
    assert.equal(await cli.stop(), 0);
  });

  it("prints help, and refuses unknown options and unusable configs with exit code 2", () => {
    const help = runCli(["--help"]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--demo-user/);
    const unknown = runCli(["--frobnicate"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Usage:/);
    const path = join(dir, "bad.yaml");
    writeFileSync(
      path,
      "homeserver: { url: http://127.0.0.1:8008, domain: example.org }\nnetworks:\n  instagram:\n    enabled: true\n    verify_token: v\n    accounts: [{ id: '17841400000000001', access_token: t }]\n",
    );
    const bad = runCli(["-c", path]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /networks\.instagram\.app_secret: missing/);
  });
});
