import { invalidParameter } from "../../graph/common-errors";
import { rejectUnknownKeys, requestedFields, type Params } from "../../graph/params";
import type { GraphCall, GraphResult } from "../../graph/product";
import type { StoredTemplate } from "../../template-types";
import { parameterFormatOf, placeholdersOf } from "./placeholders";
import type { TemplateStore } from "./template-store";

const FIELDS = ["id", "name", "language", "status", "category", "components", "parameter_format", "rejected_reason"];
// What Meta answers when no fields are asked for (template management page).
const DEFAULT_FIELDS = ["name", "parameter_format", "components", "language", "status", "category", "id"];
const FILTERS = ["name", "status", "language", "category"] as const;
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;

/** A cursor names a position in the filtered list; opaque to clients, as Graph's are. */
function cursorOf(index: number): string {
  return Buffer.from(`template-cursor:${index}`).toString("base64url");
}

function indexOf(cursor: unknown, param: string): number {
  const match = typeof cursor === "string" ? /^template-cursor:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8")) : null;
  if (!match) throw invalidParameter(`Param ${param} is not a valid cursor`);
  return Number(match[1]);
}

function limitOf(params: Params): number {
  if (params.limit === undefined) return DEFAULT_LIMIT;
  const limit = Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalidParameter(`Param limit must be an integer from 1 to ${MAX_LIMIT}`);
  return limit;
}

/** The BODY component as Meta lists it, with example values for its parameters. */
function components(template: StoredTemplate): unknown[] {
  const body: Record<string, unknown> = { type: "BODY", text: template.body };
  const placeholders = placeholdersOf(template.body);
  if (placeholders.length && parameterFormatOf(template.body) === "NAMED") {
    body.example = { body_text_named_params: placeholders.map((name) => ({ param_name: name, example: `example ${name}` })) };
  } else if (placeholders.length) {
    body.example = { body_text: [placeholders.map((number) => `example ${number}`)] };
  }
  return [body];
}

function describe(template: StoredTemplate, fields: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {
    id: template.id,
    name: template.name,
    language: template.language,
    status: template.status,
    category: template.category,
    components: components(template),
    parameter_format: parameterFormatOf(template.body),
    rejected_reason: template.status === "REJECTED" ? "INVALID_FORMAT" : "NONE",
  };
  return Object.fromEntries(fields.map((field) => [field, values[field]]));
}

/** The URL of another page: the same request with a different cursor (no token in it). */
function pageUrl(call: GraphCall, publicUrl: string, cursor: { after: string } | { before: string }): string {
  const url = new URL(call.path, publicUrl + "/");
  for (const [key, value] of Object.entries(call.params)) if (key !== "after" && key !== "before") url.searchParams.set(key, String(value));
  for (const [key, value] of Object.entries(cursor)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * GET /{waba_id}/message_templates: the WABA's templates (filtered by name, status, language,
 * category), `limit` per page (default 25), `paging` with cursors and `next`/`previous` URLs.
 */
export function listTemplates(call: GraphCall, store: TemplateStore, publicUrl: string): GraphResult {
  rejectUnknownKeys(call.params, ["fields", "limit", "after", "before", ...FILTERS]);
  const fields = requestedFields(call.params, FIELDS, DEFAULT_FIELDS, "WhatsAppBusinessHSM");
  const limit = limitOf(call.params);
  const matching = store.list(call.nodeId).filter((template) => FILTERS.every((key) => call.params[key] === undefined || template[key] === call.params[key]));
  let start = 0;
  if (call.params.after !== undefined) start = indexOf(call.params.after, "after") + 1;
  else if (call.params.before !== undefined) start = Math.max(0, indexOf(call.params.before, "before") - limit);
  const end = call.params.before !== undefined && call.params.after === undefined ? Math.min(indexOf(call.params.before, "before"), start + limit) : start + limit;
  const page = matching.slice(start, end);
  if (!page.length) return { body: { data: [] } };
  const last = start + page.length - 1;
  const paging: Record<string, unknown> = { cursors: { before: cursorOf(start), after: cursorOf(last) } };
  if (start > 0) paging.previous = pageUrl(call, publicUrl, { before: cursorOf(start) });
  if (last < matching.length - 1) paging.next = pageUrl(call, publicUrl, { after: cursorOf(last) });
  return { body: { data: page.map((template) => describe(template, fields)), paging } };
}
