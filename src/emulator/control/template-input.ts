import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, type EmulatorTemplate, type SentTemplateFilter } from "../template-types";
import { ControlInputError } from "./control-input";

type Fields = Record<string, unknown>;

function text(fields: Fields, key: string): string {
  const value = fields[key];
  if (typeof value !== "string" || value === "") throw new ControlInputError(`${key} must be a non-empty string`);
  return value;
}

function oneOf<T extends string>(fields: Fields, key: string, allowed: readonly T[]): T | undefined {
  if (fields[key] === undefined) return undefined;
  const found = allowed.find((candidate) => candidate === fields[key]);
  if (!found) throw new ControlInputError(`${key} must be one of ${allowed.join(", ")}`);
  return found;
}

/** POST /_emulator/templates: `{wabaId, name, language, body, status?, category?}`. */
export function parseTemplateInput(fields: Fields): { wabaId: string; template: EmulatorTemplate } {
  const unknown = Object.keys(fields).filter((key) => !["wabaId", "name", "language", "body", "status", "category"].includes(key));
  if (unknown.length) throw new ControlInputError(`unknown field(s): ${unknown.join(", ")} (known: wabaId, name, language, body, status, category)`);
  const template: EmulatorTemplate = { name: text(fields, "name"), language: text(fields, "language"), body: text(fields, "body") };
  const status = oneOf(fields, "status", TEMPLATE_STATUSES);
  const category = oneOf(fields, "category", TEMPLATE_CATEGORIES);
  if (status) template.status = status;
  if (category) template.category = category;
  return { wabaId: text(fields, "wabaId"), template };
}

/** DELETE /_emulator/templates?wabaId=&name=&language= */
export function parseTemplateKey(query: URLSearchParams): { wabaId: string; name: string; language: string } {
  const fields = Object.fromEntries(query);
  return { wabaId: text(fields, "wabaId"), name: text(fields, "name"), language: text(fields, "language") };
}

export function parseSentTemplateFilter(query: URLSearchParams): SentTemplateFilter {
  return { accountId: query.get("accountId") ?? undefined, recipientId: query.get("recipientId") ?? undefined };
}

/** The store refuses a template Meta's editor would (bad name, language, status): that is the admin's input, a 400. */
export function asInputError(err: unknown): never {
  throw new ControlInputError(err instanceof Error ? err.message : String(err));
}
