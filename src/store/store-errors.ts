/** The store could not be opened; the message is meant for the person running the bridge. */
export class StoreOpenError extends Error {
  override name = "StoreOpenError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A write collided with a unique key held by another row (e.g. an event id already mapped). */
export class StoreConflictError extends Error {
  override name = "StoreConflictError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
