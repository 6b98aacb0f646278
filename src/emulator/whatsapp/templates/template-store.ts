import { stableDigits } from "../../graph/ids";
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, type EmulatorTemplate, type StoredTemplate } from "../../template-types";
import { DEFAULT_TEMPLATES } from "./default-templates";

const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;
const NAME = /^[a-z0-9_]{1,512}$/;

/** A template with its defaults, after checking it the way Meta's template editor would. */
function stored(wabaId: string, template: EmulatorTemplate): StoredTemplate {
  if (typeof template.name !== "string" || !NAME.test(template.name)) throw new Error(`template name "${String(template.name)}": lowercase letters, digits and _ only`);
  if (typeof template.language !== "string" || !LANGUAGE.test(template.language)) throw new Error(`template ${template.name}: language "${String(template.language)}" is not a code like en_US or de`);
  if (typeof template.body !== "string" || template.body.trim() === "") throw new Error(`template ${template.name}: a body text is required`);
  const status = template.status ?? "APPROVED";
  const category = template.category ?? "UTILITY";
  if (!TEMPLATE_STATUSES.includes(status)) throw new Error(`template ${template.name}: status must be one of ${TEMPLATE_STATUSES.join(", ")}`);
  if (!TEMPLATE_CATEGORIES.includes(category)) throw new Error(`template ${template.name}: category must be one of ${TEMPLATE_CATEGORIES.join(", ")}`);
  const id = stableDigits(`template:${wabaId}:${template.name}:${template.language}`, 16);
  return { id, wabaId, name: template.name, language: template.language, status, category, body: template.body };
}

/** The message templates of each WABA, in the order they were added. */
export class TemplateStore {
  private readonly byWaba = new Map<string, StoredTemplate[]>();

  /** Every WABA starts with its configured templates, or the demo ones. */
  constructor(wabaIds: readonly string[], configured: Readonly<Record<string, EmulatorTemplate[]>> = {}) {
    for (const wabaId of new Set([...wabaIds, ...Object.keys(configured)])) {
      this.byWaba.set(wabaId, []);
      for (const template of configured[wabaId] ?? DEFAULT_TEMPLATES) this.set(wabaId, template);
    }
  }

  list(wabaId?: string): StoredTemplate[] {
    if (wabaId !== undefined) return [...(this.byWaba.get(wabaId) ?? [])];
    return [...this.byWaba.values()].flat();
  }

  find(wabaId: string, name: string, language: string): StoredTemplate | undefined {
    return this.byWaba.get(wabaId)?.find((t) => t.name === name && t.language === language);
  }

  set(wabaId: string, template: EmulatorTemplate): StoredTemplate {
    const entry = stored(wabaId, template);
    const templates = this.byWaba.get(wabaId) ?? [];
    const index = templates.findIndex((t) => t.name === entry.name && t.language === entry.language);
    if (index === -1) templates.push(entry);
    else templates[index] = entry;
    this.byWaba.set(wabaId, templates);
    return entry;
  }

  remove(wabaId: string, name: string, language: string): boolean {
    const templates = this.byWaba.get(wabaId) ?? [];
    const index = templates.findIndex((t) => t.name === name && t.language === language);
    if (index === -1) return false;
    templates.splice(index, 1);
    return true;
  }
}
