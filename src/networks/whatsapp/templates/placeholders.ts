/** {{1}} (positional) or {{first_name}} (named) in a template's text. */
const PLACEHOLDER = /\{\{([A-Za-z0-9_]+)\}\}/g;

const isNumber = (name: string) => /^\d+$/.test(name);

/** The distinct placeholders of a text in the order parameters fill them: by number, else by first appearance. */
export function placeholdersOf(text: string): string[] {
  const distinct = [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
  return distinct.every(isNumber) ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct;
}

/** Whether the placeholders are names ({{first_name}}), which a send must name too. */
export function hasNamedPlaceholders(text: string): boolean {
  return placeholdersOf(text).some((name) => !isNumber(name));
}

/** The text with each named placeholder replaced by its position ({{first_name}} → {{1}}), as the core reads bodies. */
export function numberPlaceholders(text: string, names: readonly string[]): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const index = names.indexOf(name);
    return index === -1 ? whole : `{{${index + 1}}}`;
  });
}
