// The spreadsheet upload: one file, kept in memory (never written to disk), at most 5 MB. A file
// too large or a malformed upload is not an error page: the controller shows it on the form.
// It is read before the CSRF check (middleware/uploads.ts), for commissioners only, so the form's
// token travels in its body.
import type { RequestHandler, Response } from 'express';
import multer from 'multer';
import { MAX_UPLOAD_BYTES } from '../../services/bid-spreadsheet';
import type { UploadRoute } from '../../middleware/uploads';

const single = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } }).single('file');

export const spreadsheetUpload: RequestHandler = (req, res, next) => {
  single(req, res, (error: unknown) => {
    // A refused or broken upload is bad input, shown on the form, never a server error.
    if (error) res.locals['uploadError'] = error instanceof multer.MulterError ? error.code : 'MALFORMED';
    next();
  });
};

/** POST /tenders/:reference/bids/import (bid-routes.ts), read for commissioners. */
export const bidSpreadsheetUpload: UploadRoute = { path: /^\/tenders\/[^/]+\/bids\/import$/, roles: ['commissioner'], parse: spreadsheetUpload };

/** Multer's code for a refused upload (LIMIT_FILE_SIZE, LIMIT_UNEXPECTED_FILE…), if any. */
export const uploadErrorOf = (res: Response): string | undefined => res.locals['uploadError'] as string | undefined;
