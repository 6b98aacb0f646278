import { invalidParameter } from "../../graph/common-errors";
import {
  isPlainObject,
  optionalOneOf,
  optionalString,
  rejectUnknownKeys,
  requireArray,
  requireNonEmptyString,
  requireObject,
  requireOneOf,
  requireString,
  type Params,
} from "../../graph/params";

const COMPONENT_TYPES = ["header", "body", "button"] as const;
const BUTTON_SUB_TYPES = ["quick_reply", "url", "copy_code", "flow", "catalog"] as const;
const PARAMETER_TYPES = ["text", "currency", "date_time", "image", "document", "video", "location", "payload", "action", "coupon_code"] as const;

function checkParameter(parameter: unknown, path: string): void {
  if (!isPlainObject(parameter)) throw invalidParameter(`Param ${path} must be an object`);
  rejectUnknownKeys(parameter, ["parameter_name", ...PARAMETER_TYPES, "type"], path);
  const type = requireOneOf(parameter, "type", PARAMETER_TYPES, path);
  optionalString(parameter, "parameter_name", path);
  if (type === "text" || type === "payload" || type === "coupon_code") requireString(parameter, type, path);
  else requireObject(parameter, type, path);
  for (const other of PARAMETER_TYPES) {
    if (other !== type && parameter[other] !== undefined) throw invalidParameter(`Param ${path}[${other}] is not allowed in a parameter of type ${type}`);
  }
}

function checkComponent(component: unknown, path: string): void {
  if (!isPlainObject(component)) throw invalidParameter(`Param ${path} must be an object`);
  rejectUnknownKeys(component, ["type", "sub_type", "index", "parameters"], path);
  const type = requireOneOf(component, "type", COMPONENT_TYPES, path);
  if (type === "button") {
    requireOneOf(component, "sub_type", BUTTON_SUB_TYPES, path);
    if (typeof component.index !== "string" && typeof component.index !== "number") throw invalidParameter(`The parameter ${path}[index] is required`);
  } else if (component.sub_type !== undefined || component.index !== undefined) {
    throw invalidParameter(`Params sub_type and index belong to button components only (${path})`);
  }
  requireArray(component, "parameters", path).forEach((parameter, index) => checkParameter(parameter, `${path}[parameters][${index}]`));
}

/** `template: {name, language: {code, policy?}, components?: [{type, parameters: [{type, text|…, parameter_name?}]}]}` */
export function checkTemplateShape(template: Params): void {
  rejectUnknownKeys(template, ["name", "language", "components"], "template");
  requireNonEmptyString(template, "name", "template");
  const language = requireObject(template, "language", "template");
  rejectUnknownKeys(language, ["code", "policy"], "template['language']");
  requireNonEmptyString(language, "code", "template['language']");
  optionalOneOf(language, "policy", ["deterministic"], "template['language']");
  if (template.components === undefined) return;
  requireArray(template, "components", "template").forEach((component, index) => checkComponent(component, `template['components'][${index}]`));
}
