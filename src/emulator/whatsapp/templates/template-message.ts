import { invalidParameter } from "../../graph/common-errors";
import { isPlainObject, type Params } from "../../graph/params";
import type { StoredTemplate } from "../../template-types";
import { fillPlaceholders, parameterFormatOf, placeholdersOf } from "./placeholders";
import {
  hydratedTextTooLong,
  parameterCountMismatch,
  parameterFormatMismatch,
  templateDisabled,
  templateDoesNotExist,
  templatePaused,
} from "./template-errors";
import type { TemplateStore } from "./template-store";

/** A filled-in body may be this long (the body limit of a template). */
const BODY_LIMIT_CHARACTERS = 1024;
/** Meta's rule for parameter texts: no line breaks or tabs, at most 4 spaces in a row. */
const BAD_PARAMETER_TEXT = /[\n\t]| {5}/;

/** What a checked template message sends: the template, its body parameters, and what the person reads. */
export interface TemplateMessage {
  template: StoredTemplate;
  parameters: string[];
  rendered: string;
}

interface BodyParameter {
  text: string;
  name: string | undefined;
}

/** The approved template a send names, or Meta's refusal (132001, 132015 paused, 132016 disabled). */
function approvedTemplate(store: TemplateStore, wabaId: string, name: string, language: string): StoredTemplate {
  const template = store.find(wabaId, name, language);
  if (!template) {
    const elsewhere = store.list(wabaId).some((t) => t.name === name);
    throw templateDoesNotExist(elsewhere ? `template name (${name}) does not exist in ${language}` : `template name (${name}) does not exist`);
  }
  if (template.status === "PAUSED") throw templatePaused(name);
  if (template.status === "DISABLED") throw templateDisabled(name);
  if (template.status !== "APPROVED") throw templateDoesNotExist(`template ${name} (${language}) is not approved (status ${template.status})`);
  return template;
}

/** The body's parameters; a header or button component is refused, as none of the emulator's templates has variables there. */
function bodyParameters(components: readonly Params[]): BodyParameter[] {
  for (const component of components) {
    if (component.type === "body") continue;
    const count = (component.parameters as unknown[]).length;
    throw parameterCountMismatch(`${String(component.type)}: number of localizable_params (${count}) does not match the expected number of params (0)`);
  }
  if (components.length > 1) throw invalidParameter("Only one body component is allowed");
  const parameters = (components[0]?.parameters as Params[] | undefined) ?? [];
  return parameters.map((parameter) => {
    // The emulator renders text only; Meta also takes currency and date_time in a body.
    if (parameter.type !== "text") throw invalidParameter(`The emulator renders text body parameters only (got ${String(parameter.type)})`);
    const text = parameter.text as string;
    if (text === "") throw invalidParameter("Param text cannot be empty");
    if (BAD_PARAMETER_TEXT.test(text)) throw invalidParameter("Param text cannot have new-line/tab characters or more than 4 consecutive spaces");
    return { text, name: parameter.parameter_name as string | undefined };
  });
}

/** Which placeholder each parameter fills: by position, or by name for a NAMED template (132012 when the send does it the other way). */
function placeholderValues(template: StoredTemplate, parameters: readonly BodyParameter[]): Map<string, string> {
  const expected = placeholdersOf(template.body);
  if (parameters.length !== expected.length) {
    throw parameterCountMismatch(`body: number of localizable_params (${parameters.length}) does not match the expected number of params (${expected.length})`);
  }
  if (parameterFormatOf(template.body) === "POSITIONAL") {
    if (parameters.some((p) => p.name !== undefined)) throw parameterFormatMismatch("body: parameter_name is only for templates with named parameters");
    return new Map(parameters.map((p, index) => [expected[index]!, p.text]));
  }
  if (parameters.some((p) => p.name === undefined)) throw parameterFormatMismatch("body: each parameter of a template with named parameters needs its parameter_name");
  const unknown = parameters.find((p) => !expected.includes(p.name!));
  if (unknown || new Set(parameters.map((p) => p.name)).size !== expected.length) {
    throw parameterFormatMismatch(`body: the parameter names must be ${expected.join(", ")}${unknown ? ` (got ${unknown.name})` : ""}`);
  }
  return new Map(parameters.map((p) => [p.name!, p.text]));
}

/**
 * Checks a `type: "template"` message against the WABA's templates as Meta does: an approved
 * template in that language, components only where the template has variables, one text per
 * body placeholder (named when the template's are), and a filled-in body of at most 1024 characters.
 */
export function resolveTemplateMessage(store: TemplateStore, wabaId: string, content: Params): TemplateMessage {
  const language = (content.language as Params).code as string;
  const template = approvedTemplate(store, wabaId, content.name as string, language);
  const components = Array.isArray(content.components) ? content.components.filter(isPlainObject) : [];
  const parameters = bodyParameters(components);
  const rendered = fillPlaceholders(template.body, placeholderValues(template, parameters));
  const length = [...rendered].length;
  if (length > BODY_LIMIT_CHARACTERS) throw hydratedTextTooLong(`The body is ${length} characters long once filled in; at most ${BODY_LIMIT_CHARACTERS} are allowed`);
  return { template, parameters: parameters.map((p) => p.text), rendered };
}
