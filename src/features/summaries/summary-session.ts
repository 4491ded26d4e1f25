// What the summaries pages keep in the session: a one-time message for the next page.
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    summariesFlash?: string;
  }
}
