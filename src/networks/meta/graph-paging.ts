import { asObject, asObjects, asString, type JsonObject } from "./json";

/** Query parameters never taken over from a `paging.next` URL: the client sends its own credentials. */
const CREDENTIALS = ["access_token", "appsecret_proof"];

/** A list of many pages is cut off here rather than followed forever. */
const MAX_PAGES = 100;

/**
 * Every item of a Graph list: `data[]` of each page, following `paging.next` until a page has none.
 * The next page is asked for with the query of that URL on the same path, so the token only ever
 * goes where the client's base URL points, never to a URL an answer named.
 */
export async function readAllPages(fetchPage: (query: Record<string, string>) => Promise<unknown>, query: Record<string, string>): Promise<JsonObject[]> {
  const items: JsonObject[] = [];
  const seen = new Set<string>();
  let current: Record<string, string> | undefined = query;
  for (let page = 0; current && page < MAX_PAGES; page++) {
    seen.add(JSON.stringify(current));
    const answer = asObject(await fetchPage(current)) ?? {};
    items.push(...asObjects(answer.data));
    const next = nextQuery(asString(asObject(answer.paging)?.next));
    current = next && !seen.has(JSON.stringify(next)) ? next : undefined;
  }
  return items;
}

function nextQuery(next: string | undefined): Record<string, string> | undefined {
  if (!next || !URL.canParse(next)) return undefined;
  const params = [...new URL(next).searchParams].filter(([key]) => !CREDENTIALS.includes(key));
  return Object.fromEntries(params);
}
