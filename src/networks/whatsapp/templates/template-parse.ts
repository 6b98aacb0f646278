import type { MessageTemplate } from "../../../core/networks/connector";
import { asObjects, asString, type JsonObject } from "../../meta/json";
import { hasNamedPlaceholders, numberPlaceholders, placeholdersOf } from "./placeholders";

/** A template as the connector keeps it: what the core sees, plus the names a NAMED template's parameters need. */
export interface KnownTemplate extends MessageTemplate {
  /** set for templates with named parameters ({{first_name}}), in the order parameters fill them */
  parameterNames?: string[];
}

/** The fields a template listing asks for. */
export const TEMPLATE_FIELDS = "name,language,status,category,components,parameter_format";

/**
 * One entry of GET /{waba_id}/message_templates: the body is the BODY component's text, its
 * parameters the distinct placeholders in it. A template with named parameters gets its body
 * numbered in the order the names first appear ({{first_name}} → {{1}}), the order in which the
 * parameters of a send fill them. Undefined when the entry has no name or language.
 */
export function parseTemplate(json: JsonObject): KnownTemplate | undefined {
  const name = asString(json.name);
  const language = asString(json.language);
  if (!name || !language) return undefined;
  const body = asString(asObjects(json.components).find((component) => asString(component.type)?.toUpperCase() === "BODY")?.text) ?? "";
  const placeholders = placeholdersOf(body);
  const named = asString(json.parameter_format)?.toUpperCase() === "NAMED" || hasNamedPlaceholders(body);
  const template: KnownTemplate = {
    name,
    language,
    status: asString(json.status) ?? "UNKNOWN",
    category: asString(json.category) ?? "",
    body: named ? numberPlaceholders(body, placeholders) : body,
    parameterCount: placeholders.length,
  };
  if (named) template.parameterNames = placeholders;
  return template;
}

/** What the core sees of a template. */
export function publicTemplate({ name, language, status, category, body, parameterCount }: KnownTemplate): MessageTemplate {
  return { name, language, status, category, body, parameterCount };
}
