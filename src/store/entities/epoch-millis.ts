import type { ValueTransformer } from "typeorm";

/**
 * Timestamps are epoch milliseconds in bigint columns. PostgreSQL's driver returns bigint as a
 * string (it may exceed 2^53); epoch milliseconds never do, so they are read back as numbers.
 */
export const epochMillisTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
