// What a session holds: who signed in, and when (for the absolute timeout).
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    memberId?: number;
    /** The invitation a panel member signed in with: stopping that link ends the session. */
    invitationId?: number;
    signedInAt?: number;
    /** Where to go after signing in. */
    returnTo?: string;
  }
}
