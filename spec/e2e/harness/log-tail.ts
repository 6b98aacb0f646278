import { readFile } from "node:fs/promises";

/** The last `count` lines of a text file, or a note saying why there are none. */
export async function tailLines(path: string, count = 50): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return `(no log at ${path})`;
  }
  const trimmed = text.trimEnd();
  return trimmed ? trimmed.split("\n").slice(-count).join("\n") : `(${path} is empty)`;
}

/** A titled excerpt for error messages. */
export async function logExcerpt(title: string, path: string, count = 50): Promise<string> {
  return `--- last lines of ${title} (${path}) ---\n${await tailLines(path, count)}\n--- end of ${title} ---`;
}
