import { fromPlainText, type RichText } from "../formatting/rich-text";

export const DEFAULT_ATTRIBUTION = "{displayname} ({network}): {body}";

export interface AttributionFields {
  displayname: string;
  network: string;
  /** the person's remote id: only when the template names {id} */
  id: string;
}

/**
 * A relayed message as the other network's person reads it: the template with {displayname},
 * {network}, {id} and {body} filled in; the body keeps its formatting.
 */
export function attribute(template: string, fields: AttributionFields, body: RichText): RichText {
  const [before, after = ""] = template.split("{body}", 2) as [string, string?];
  const fill = (text: string) => text.replaceAll("{displayname}", fields.displayname).replaceAll("{network}", fields.network).replaceAll("{id}", fields.id);
  return [...fromPlainText(fill(before)), ...body, ...fromPlainText(fill(after))];
}
