// What the bids pages keep in the session: a one-time message for the next page, and the checked
// rows of a spreadsheet import waiting to be confirmed (see services/bid-import.ts).
import 'express-session';
import type { StoredImport } from '../../services/bid-import';

declare module 'express-session' {
  interface SessionData {
    bidsFlash?: string;
    bidImport?: StoredImport;
  }
}
