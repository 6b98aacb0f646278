import { openStore, type Store } from "../../src/store";
import { registerTeardown } from "./fixtures";

/** A real store on an in-memory SQLite database, closed after the run. */
export async function memoryStore(): Promise<Store> {
  const store = await openStore({ type: "sqlite", path: ":memory:" });
  registerTeardown(() => store.close());
  return store;
}
