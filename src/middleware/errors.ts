// Errors in plain words. Routes throw HttpError (or Express 5 forwards a rejected promise); the
// handler renders the 403, 404 or 500 page. Nothing about the failure leaks to the page.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

export class HttpError extends Error {
  constructor(
    readonly status: 403 | 404 | 400,
    message = '',
  ) {
    super(message);
  }
}

export const notFound: RequestHandler = (_req, _res, next) => next(new HttpError(404));

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const code = (error as { code?: string }).code;
    // The form parser's refusals: too many bytes (entity.too.large) or too many fields (parameters.too.many).
    if ((error as { status?: number }).status === 413) {
      res.status(413).render('pages/errors/too-large', { pageTitle: 'Too much was sent at once' });
      return;
    }
    if ((error as Error).name === 'TenderLockedError') {
      res.status(409).render('pages/errors/locked', { pageTitle: 'This cannot change now', message: (error as Error).message });
      return;
    }
    const status =
      error instanceof HttpError ? error.status : code === 'EBADCSRFTOKEN' ? 403 : (error as { status?: number }).status === 400 || (error as { type?: string }).type === 'entity.parse.failed' ? 400 : 500;
    if (status === 500) logger.error({ err: error, url: req.originalUrl }, 'request failed');
    const page = code === 'EBADCSRFTOKEN' ? 'form-expired' : String(status);
    res.status(status).render(`pages/errors/${page}`, { pageTitle: TITLES[page] });
  };
}

const TITLES: Record<string, string> = {
  '400': 'Something in the request was wrong',
  '403': 'You cannot see this page',
  '404': 'Page not found',
  '500': 'Sorry, something went wrong',
  'form-expired': 'The form has expired',
};
