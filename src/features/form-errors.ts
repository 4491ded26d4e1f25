// Form problems shaped for the GOV.UK error summary ({ text, href: '#field' }) and for each
// field's error message.
import type { z } from 'zod';

export interface FormErrors {
  /** For the error summary, in the order of the form. */
  list: { text: string; href: string }[];
  /** Per field, for the field's errorMessage option. */
  fields: Record<string, { text: string }>;
}

export function formErrors(source: z.ZodError | { field: string; text: string }[]): FormErrors {
  const items = Array.isArray(source) ? source : source.issues.map((i) => ({ field: i.path.map(String).join('-') || 'form', text: i.message }));
  const fields: FormErrors['fields'] = {};
  for (const item of items) fields[item.field] ??= { text: item.text };
  return { list: Object.entries(fields).map(([field, e]) => ({ text: e.text, href: `#${field}` })), fields };
}
