import { asObject, asObjects, asString, type JsonObject } from "../meta/json";

/**
 * A WhatsApp contact card (messages[].contacts[]: name, phones, emails, org, urls, addresses,
 * birthday) as vCard 3.0 text (RFC 2426): CRLF line ends, values escaped, long lines folded.
 */
export function whatsappContactToVcard(contact: JsonObject): string {
  const name = asObject(contact.name) ?? {};
  const lines = ["BEGIN:VCARD", "VERSION:3.0"];
  const structured = ["last_name", "first_name", "middle_name", "prefix", "suffix"].map((key) => escapeValue(asString(name[key]) ?? ""));
  lines.push(`N:${structured.join(";")}`);
  lines.push(`FN:${escapeValue(contactName(contact))}`);
  const org = asObject(contact.org);
  const company = asString(org?.company);
  const department = asString(org?.department);
  if (company || department) lines.push(`ORG:${[company ?? "", ...(department ? [department] : [])].map(escapeValue).join(";")}`);
  const title = asString(org?.title);
  if (title) lines.push(`TITLE:${escapeValue(title)}`);
  for (const phone of asObjects(contact.phones)) {
    const number = asString(phone.phone) ?? asString(phone.wa_id);
    if (number) lines.push(`TEL${typeParam(phone.type)}:${escapeValue(number)}`);
  }
  for (const email of asObjects(contact.emails)) {
    const address = asString(email.email);
    if (address) lines.push(`EMAIL${typeParam(email.type, "INTERNET")}:${escapeValue(address)}`);
  }
  for (const address of asObjects(contact.addresses)) {
    const parts = ["", "", address.street, address.city, address.state, address.zip, address.country].map((v) => escapeValue(asString(v) ?? ""));
    if (parts.some(Boolean)) lines.push(`ADR${typeParam(address.type)}:${parts.join(";")}`);
  }
  for (const url of asObjects(contact.urls)) {
    const href = asString(url.url);
    if (href) lines.push(`URL${typeParam(url.type)}:${escapeValue(href)}`);
  }
  const birthday = asString(contact.birthday);
  if (birthday && /^\d{4}-\d{2}-\d{2}$/.test(birthday)) lines.push(`BDAY:${birthday}`);
  lines.push("END:VCARD");
  return lines.map(fold).join("\r\n") + "\r\n";
}

/** The name to show for a contact card: formatted name, else first and last name, else its first number. */
export function contactName(contact: JsonObject): string {
  const name = asObject(contact.name) ?? {};
  const formatted = asString(name.formatted_name)?.trim();
  if (formatted) return formatted;
  const parts = [name.first_name, name.middle_name, name.last_name].map((v) => asString(v)?.trim()).filter(Boolean);
  if (parts.length) return parts.join(" ");
  const phone = asObjects(contact.phones).map((p) => asString(p.phone)).find(Boolean);
  return phone ?? "Contact";
}

/** `;TYPE=CELL` from WhatsApp's "CELL", "HOME", "WORK", "IPHONE"… (letters only, upper case). */
function typeParam(value: unknown, ...extra: string[]): string {
  const types = [...extra, ...(typeof value === "string" && /^[A-Za-z-]{1,20}$/.test(value) ? [value.toUpperCase()] : [])];
  return types.length ? `;TYPE=${types.join(",")}` : "";
}

/** RFC 2426 escaping of a text value: backslash, comma, semicolon and newlines. */
export function escapeValue(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/;/g, "\\;").replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a line longer than 75 octets into continuation lines (CRLF + space), never inside a UTF-8 character. */
export function fold(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= 75) return line;
  const pieces: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, "utf8");
    // the first line holds 75 octets; continuation lines lose one to the leading space
    const room = pieces.length === 0 ? 75 : 74;
    if (size + bytes > room) {
      pieces.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}
