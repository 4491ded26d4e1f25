/** Splits rows for multi-row inserts, staying under SQLite's limit on bound variables. */
export function chunks<T>(rows: readonly T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
