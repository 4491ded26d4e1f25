// A form field holding a null character (code 0) is refused before any route sees it: no person
// types one, and PostgreSQL cannot store one in text, so the same request gets the same answer on
// either database: a 400 page naming the field, never a failed write.
import type { RequestHandler } from 'express';

function fieldWithNull(fields: unknown): string | null {
  if (fields === null || typeof fields !== 'object') return null;
  for (const [name, value] of Object.entries(fields)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.includes('\u0000'))) return name;
  }
  return null;
}

export const refuseNullCharacters: RequestHandler = (req, res, next) => {
  const field = fieldWithNull(req.body) ?? fieldWithNull(req.query);
  if (field === null) {
    next();
    return;
  }
  res.status(400).render('pages/errors/null-character', { pageTitle: 'Something in the request was wrong', field });
};
