import { StoreConflictError } from "../store-errors";
import { isUniqueViolation } from "../unique-violation";

/** Turns a unique-key violation into a StoreConflictError with a message saying what collided. */
export async function translateConflict<T>(work: Promise<T>, describe: () => string): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreConflictError(describe(), { cause: err });
    throw err;
  }
}
