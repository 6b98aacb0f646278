import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { ConfigError } from "../config/errors";
import type { Config } from "../config/schema";
import { isPlainObject } from "../config/schema-dsl";
import { buildRegistration, PLACEHOLDER_TOKEN, type Registration } from "./registration";

const REGENERATE = "regenerate it with `npx switchboard --generate-registration -c <config> -f <registration>` " +
  "(real tokens in it are kept) and restart the homeserver";

/**
 * Reads the registration the homeserver was given, and checks that it still matches the config
 * (a stale one would make the homeserver route the wrong users or none to the bridge).
 */
export function readRegistration(file: string, config: Config): Registration {
  if (!existsSync(file)) {
    throw new ConfigError(file, [`no registration file: generate one with \`npx switchboard --generate-registration -c <config> -f ${file}\``]);
  }
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(file, [`not valid YAML: ${(err as Error).message}`]);
  }
  if (!isPlainObject(parsed)) throw new ConfigError(file, ["not a registration (expected a mapping with id, url, as_token, hs_token…)"]);
  const { as_token, hs_token } = parsed;
  if (typeof as_token !== "string" || typeof hs_token !== "string" || !as_token || !hs_token) {
    throw new ConfigError(file, ["as_token and hs_token: missing (expected two random strings)"]);
  }
  if (PLACEHOLDER_TOKEN.test(as_token) || PLACEHOLDER_TOKEN.test(hs_token)) {
    throw new ConfigError(file, [`as_token/hs_token: still the example placeholders (expected real tokens): ${REGENERATE}`]);
  }
  const expected = buildRegistration(config, { as_token, hs_token });
  const stale = (Object.keys(expected) as (keyof Registration)[]).filter(
    (key) => JSON.stringify(parsed[key] ?? null) !== JSON.stringify(expected[key]),
  );
  for (const key of ["org.matrix.msc3202", "io.element.msc4190"] as const) {
    if (!(key in expected) && parsed[key] !== undefined && !stale.includes(key)) stale.push(key);
  }
  if (stale.length) {
    throw new ConfigError(file, [`${stale.join(", ")}: do not match the config (expected what the config generates): ${REGENERATE}`]);
  }
  return expected;
}
