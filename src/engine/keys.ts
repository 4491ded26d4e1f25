// Bid and member keys in natural order: B2 before B10, a before B. One collator, made once, used
// wherever bids or members are listed by key (the database's ORDER BY compares characters, so
// repositories sort their rows again with this). Keys equal but for letter case or leading zeros
// are then put in character order, so the order is total and the same everywhere.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareKeys(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Sorts rows in place by one or more keys in natural order (the first, then the next for equal
 * ones) and returns them. The sort is stable: rows equal in every key keep the order they had.
 */
export function sortByKeys<T>(rows: T[], ...keysOf: ((row: T) => string)[]): T[] {
  return rows.sort((a, b) => {
    for (const keyOf of keysOf) {
      const order = compareKeys(keyOf(a), keyOf(b));
      if (order !== 0) return order;
    }
    return 0;
  });
}
