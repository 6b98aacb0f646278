export interface ParsedCommand {
  name: string;
  args: string[];
}

/**
 * Reads a command from a message body. In a management room the prefix is optional; elsewhere a
 * message is a command only when it starts with the prefix.
 */
export function parseCommand(body: string, prefix: string, prefixOptional: boolean): ParsedCommand | undefined {
  let text = body.trim();
  if (text.toLowerCase().startsWith(prefix.toLowerCase() + " ") || text.toLowerCase() === prefix.toLowerCase()) {
    text = text.slice(prefix.length).trim();
  } else if (!prefixOptional) {
    return undefined;
  }
  const words = text.split(/\s+/).filter(Boolean);
  if (!words.length) return { name: "", args: [] };
  return { name: words[0]!.toLowerCase(), args: words.slice(1) };
}
