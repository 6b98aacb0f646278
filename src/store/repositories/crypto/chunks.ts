/** Splits a list so that an `IN (…)` or a multi-row insert stays within every driver's parameter limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
