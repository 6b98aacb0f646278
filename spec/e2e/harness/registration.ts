import { readFile } from "node:fs/promises";
import { parse } from "yaml";

export interface RegistrationNamespace {
  regex: string;
  exclusive: boolean;
}

/** The appservice registration the bridge generated, as the harness reads it (other keys kept). */
export interface AppserviceRegistration {
  id: string;
  url: string;
  as_token: string;
  hs_token: string;
  sender_localpart: string;
  namespaces: { users?: RegistrationNamespace[]; aliases?: RegistrationNamespace[]; rooms?: RegistrationNamespace[] };
  [key: string]: unknown;
}

const REQUIRED_STRINGS = ["id", "url", "as_token", "hs_token", "sender_localpart"] as const;

export async function readRegistration(path: string): Promise<AppserviceRegistration> {
  const parsed: unknown = parse(await readFile(path, "utf8"));
  if (typeof parsed !== "object" || parsed === null) throw new Error(`${path} is not a YAML mapping`);
  const record = parsed as Record<string, unknown>;
  const missing: string[] = REQUIRED_STRINGS.filter((key) => typeof record[key] !== "string");
  if (typeof record.namespaces !== "object" || record.namespaces === null) missing.push("namespaces");
  if (missing.length) throw new Error(`${path} lacks ${missing.join(", ")}`);
  return record as AppserviceRegistration;
}
