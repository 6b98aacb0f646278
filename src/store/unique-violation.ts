import { QueryFailedError } from "typeorm";

const POSTGRES_UNIQUE_VIOLATION = "23505";

/** Whether a query failed because a primary key or unique constraint already held the value. */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError: unknown = err.driverError;
  if (typeof driverError !== "object" || driverError === null) return false;
  const { code, message } = driverError as { code?: unknown; message?: unknown };
  if (code === POSTGRES_UNIQUE_VIOLATION) return true;
  // node-sqlite3 only exposes the primary result code, so tell UNIQUE from NOT NULL by message.
  return code === "SQLITE_CONSTRAINT" && typeof message === "string" && message.includes("UNIQUE constraint failed");
}

/**
 * Runs a transaction again when it lost a race on a unique key to a concurrent writer; the next
 * attempt sees the winner's committed row and takes the path for an existing row.
 */
export async function retryOnUniqueViolation<T>(attempt: () => Promise<T>, maxAttempts = 3): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt();
    } catch (err) {
      if (attemptNumber >= maxAttempts || !isUniqueViolation(err)) throw err;
    }
  }
}
