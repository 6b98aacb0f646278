/** {{1}} (positional) or {{first_name}} (named) in a template's text. */
const PLACEHOLDER = /\{\{([A-Za-z0-9_]+)\}\}/g;

const isNumber = (name: string) => /^\d+$/.test(name);

/** The distinct placeholders: numbers in order, or names in the order they first appear. */
export function placeholdersOf(text: string): string[] {
  const distinct = [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
  return distinct.every(isNumber) ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct;
}

/** POSITIONAL ({{1}}) or NAMED ({{first_name}}), as Meta reports parameter_format. */
export function parameterFormatOf(text: string): "POSITIONAL" | "NAMED" {
  return placeholdersOf(text).every(isNumber) ? "POSITIONAL" : "NAMED";
}

/** The text with every placeholder replaced by its value. */
export function fillPlaceholders(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
}
