import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { ConfigError } from "../../../src/config/errors";
import { parseConfig } from "../../../src/config/load";
import { buildRegistration, writeRegistration } from "../../../src/matrix/registration";
import { readRegistration } from "../../../src/matrix/registration-file";

const sample = () => parseConfig(readFileSync("config.sample.yaml", "utf8"), "/x/config.yaml").config;

describe("registration", () => {
  it("has one exclusive user and alias namespace per enabled network, the bot, and the protocols", () => {
    const reg = buildRegistration(sample(), { as_token: "a", hs_token: "h" });
    assert.equal(reg.id, "switchboard");
    assert.equal(reg.url, "http://localhost:29330");
    assert.equal(reg.sender_localpart, "switchboard");
    assert.equal(reg.rate_limited, false);
    assert.deepEqual(reg.namespaces.users, [
      { regex: "@switchboard:example\\.org", exclusive: true },
      { regex: "@whatsapp_.*:example\\.org", exclusive: true },
      { regex: "@messenger_.*:example\\.org", exclusive: true },
      { regex: "@instagram_.*:example\\.org", exclusive: true },
    ]);
    assert.deepEqual(reg.namespaces.aliases.map((n) => n.regex), ["#whatsapp_.*:example\\.org", "#messenger_.*:example\\.org", "#instagram_.*:example\\.org"]);
    assert.ok(reg.namespaces.aliases.every((n) => n.exclusive));
    assert.deepEqual(reg.protocols, ["whatsapp", "messenger", "instagram"]);
    assert.equal(reg.receive_ephemeral, true);
    assert.equal(reg["de.sorunome.msc2409.push_ephemeral"], true);
    assert.equal(reg["org.matrix.msc3202"], undefined);
    assert.equal(reg["io.element.msc4190"], undefined);
  });

  it("leaves out disabled networks, uses configured prefixes, and opts into MSC3202/MSC4190 with encryption", () => {
    const config = sample();
    config.networks.messenger.enabled = false;
    config.networks.instagram.prefix = "ig_";
    config.encryption.enabled = true;
    const reg = buildRegistration(config, { as_token: "a", hs_token: "h" });
    assert.deepEqual(reg.protocols, ["whatsapp", "instagram"]);
    assert.ok(reg.namespaces.users.some((n) => n.regex === "@ig_.*:example\\.org"));
    assert.ok(!reg.namespaces.users.some((n) => n.regex.startsWith("@messenger_")));
    assert.equal(reg["org.matrix.msc3202"], true);
    assert.equal(reg["io.element.msc4190"], true);
  });

  it("writes random private tokens, keeps real ones on regeneration, replaces placeholders", () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-reg-"));
    const file = join(dir, "registration.yaml");
    const first = writeRegistration(sample(), file).registration;
    assert.match(first.as_token, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(first.as_token, first.hs_token);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const again = writeRegistration(sample(), file);
    assert.equal(again.keptTokens, true);
    assert.equal(again.registration.hs_token, first.hs_token);

    writeFileSync(file, readFileSync("registration.yaml"));
    const replaced = writeRegistration(sample(), file);
    assert.equal(replaced.keptTokens, false);
    assert.doesNotMatch(replaced.registration.as_token, /CHANGE_ME/);
  });

  it("the committed registration.yaml is what config.sample.yaml generates, with placeholder tokens", () => {
    const committed = parse(readFileSync("registration.yaml", "utf8")) as Record<string, unknown>;
    const expected = buildRegistration(sample(), { as_token: String(committed.as_token), hs_token: String(committed.hs_token) });
    assert.deepEqual(committed, { ...expected });
    assert.match(String(committed.as_token), /^CHANGE_ME/);
  });

  it("the bridge refuses a registration with placeholders, or one that no longer matches the config", () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-reg-"));
    const file = join(dir, "registration.yaml");
    writeFileSync(file, readFileSync("registration.yaml"));
    assert.throws(() => readRegistration(file, sample()), (e: unknown) => e instanceof ConfigError && /placeholders/.test(e.message));

    writeRegistration(sample(), file);
    assert.equal(readRegistration(file, sample()).sender_localpart, "switchboard");
    const changed = sample();
    changed.networks.whatsapp.prefix = "wa_";
    assert.throws(
      () => readRegistration(file, changed),
      (e: unknown) => e instanceof ConfigError && /namespaces: do not match the config/.test(e.message) && /--generate-registration/.test(e.message),
    );
    assert.throws(() => readRegistration(join(dir, "missing.yaml"), sample()), (e: unknown) => e instanceof ConfigError && /generate one/.test(e.message));
  });
});
