// The tender-pack upload: one file, kept in memory (never written to disk), at most 2 MB. A file
// too large, a file in another field or an upload cut off is not an error page: the controller
// shows it on the form (as the bids spreadsheet upload does, features/bids/bid-upload.ts). It is
// read before the CSRF check (middleware/uploads.ts), for commissioners only, so the form's token
// travels in its body.
import type { RequestHandler, Response } from 'express';
import multer from 'multer';
import type { UploadRoute } from '../../middleware/uploads';

export const MAX_PACK_BYTES = 2 * 1024 * 1024;

// The form's one field is its CSRF token, sent before the file.
const single = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_PACK_BYTES, files: 1, fields: 5, parts: 6 } }).single('pack');

export const packUpload: RequestHandler = (req, res, next) => {
  single(req, res, (error: unknown) => {
    // A refused or broken upload is bad input, shown on the form, never a server error.
    if (error) res.locals['packUploadError'] = error instanceof multer.MulterError ? error.code : 'MALFORMED';
    next();
  });
};

/** POST /tenders/upload (tender-routes.ts), read for commissioners. */
export const tenderPackUpload: UploadRoute = { path: /^\/tenders\/upload$/, roles: ['commissioner'], parse: packUpload };

const PACK_UPLOAD_ERRORS: Record<string, string> = {
  LIMIT_FILE_SIZE: 'The file is larger than 2 MB; expected a tender pack under 2 MB (YAML or JSON text)',
  LIMIT_UNEXPECTED_FILE: 'Upload one file only, in the field "Tender pack file"',
  LIMIT_FILE_COUNT: 'Upload one file only',
};

/** What to tell the person about a refused upload, if it was refused. */
export function packUploadProblem(res: Response): string | undefined {
  const code = res.locals['packUploadError'] as string | undefined;
  if (code === undefined) return undefined;
  return PACK_UPLOAD_ERRORS[code] ?? 'The upload did not arrive whole; choose the file and upload it again';
}
