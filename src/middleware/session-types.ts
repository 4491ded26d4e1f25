// What a session holds: who signed in, and when (for the absolute timeout).
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    memberId?: number;
    signedInAt?: number;
    /** Where to go after signing in. */
    returnTo?: string;
  }
}
