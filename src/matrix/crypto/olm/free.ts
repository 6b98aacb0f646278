import type { Freeable } from "./primitives";

/** Runs `work` with `resource` and frees the resource afterwards, also when `work` throws. */
export async function using<R extends Freeable, T>(resource: R, work: (resource: R) => Promise<T> | T): Promise<T> {
  try {
    return await work(resource);
  } finally {
    resource.free();
  }
}

/** Frees each of `resources` (ignoring nulls). */
export function freeAll(resources: Iterable<Freeable | null | undefined>): void {
  for (const resource of resources) resource?.free();
}
