// Helpers for building a component's options inside a template:
// {{> govuk/button (obj text="Save and continue" classes="govuk-button--secondary") }}
import type { HelperDelegate, HelperOptions } from 'handlebars';

export const pageHelpers: Record<string, HelperDelegate> = {
  /** An object from the hash arguments, in the order they were written (Handlebars reverses them). */
  obj: (...args: unknown[]) => {
    const hash = (args[args.length - 1] as HelperOptions).hash as Record<string, unknown>;
    const names = Object.keys(hash);
    const made: Record<string, unknown> = {};
    for (let i = names.length - 1; i >= 0; i--) made[names[i]!] = hash[names[i]!];
    return made;
  },
  /** An array from the positional arguments. */
  arr: (...args: unknown[]) => args.slice(0, -1),
  /** A count with its noun, "1 bid" or "3 bids". */
  plural: (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`,
};
