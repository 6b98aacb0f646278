import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { tsxCommand, tsxEnv } from "../../support/tsx-command";

const CLI = resolve("src/cli.ts");

function switchboard(args: string[], cwd: string) {
  const { command, args: argv } = tsxCommand(CLI, args);
  const result = spawnSync(command, argv, { cwd, encoding: "utf8", env: tsxEnv(), timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the switchboard command", function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "sb-cli-"));
  });

  it("without a config file, says how to set up and exits with 2", () => {
    const { code, stderr } = switchboard(["-c", "config.yaml"], dir);
    assert.equal(code, 2);
    assert.match(stderr, /cp config\.sample\.yaml config\.yaml/);
    assert.match(stderr, /--generate-registration/);
  });

  it("stops on a broken config line with exit code 2, naming the key, the value and what was expected", () => {
    writeFileSync(join(dir, "config.yaml"), "homeserver: { url: http://localhost:8008, domain: example.org }\nappservice: { port: 99999 }\n");
    const { code, stderr } = switchboard(["-c", "config.yaml"], dir);
    assert.equal(code, 2);
    assert.match(stderr, /appservice\.port: 99999 is not valid \(expected an integer from 1 to 65535\)/);
    assert.ok(!existsSync(join(dir, "switchboard.db")), "nothing was created");
  });

  it("writes a registration with -r/-f and keeps its tokens when run again", () => {
    writeFileSync(join(dir, "config.yaml"), readFileSync("config.sample.yaml"));
    const first = switchboard(["-r", "-c", "config.yaml", "-f", "reg.yaml"], dir);
    assert.equal(first.code, 0, first.stderr);
    const reg = parse(readFileSync(join(dir, "reg.yaml"), "utf8")) as { as_token: string; protocols: string[] };
    assert.deepEqual(reg.protocols, ["whatsapp", "messenger", "instagram"]);
    const again = switchboard(["--generate-registration", "-c", "config.yaml", "--file", "reg.yaml"], dir);
    assert.match(again.stdout, /kept its existing tokens/);
    assert.equal((parse(readFileSync(join(dir, "reg.yaml"), "utf8")) as { as_token: string }).as_token, reg.as_token);
  });

  it("refuses unknown options with exit code 2 and the usage", () => {
    const { code, stderr } = switchboard(["--frobnicate"], dir);
    assert.equal(code, 2);
    assert.match(stderr, /Usage:/);
  });
});
