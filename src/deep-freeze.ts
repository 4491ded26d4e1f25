// Freezes a value and everything in it, so that a value shared between requests (a parsed rubric,
// the radio items made from it) cannot be changed by any of them.
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
