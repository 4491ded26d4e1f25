// What a session holds: who signed in, and when (for the absolute timeout).
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    memberId?: number;
    /** The invitation a panel member signed in with: stopping that link ends the session. */
    invitationId?: number;
    /** When the session began (for the 12-hour absolute timeout). */
    signedInAt?: number;
    /**
     * When the person last proved it is them (password and code, or signing in at their
     * organisation's provider, by the ID token's auth_time): what "a recent sign-in" means.
     */
    authenticatedAt?: number;
    /** The account whose password was right, waiting for its second factor (not signed in yet). */
    pendingUserId?: number;
    pendingAt?: number;
    /**
     * The account's session count (users.session_generation) when its password was checked, and
     * once signed in: a session of an earlier count (the account's sessions ended since) does not work.
     */
    pendingGeneration?: number;
    sessionGeneration?: number;
    /** A new authenticator secret, kept until the person confirms it with a code. */
    pendingTotpSecret?: string;
    /** Single sign-on: the provider's ID token (for its end-session page) and the login in flight. */
    oidcIdToken?: string;
    oidcLogin?: { state: string; nonce: string; codeVerifier: string; maxAge?: number };
    /** A signed-in person confirming it is them with a fresh single sign-on (their account id). */
    reauthUserId?: number;
    /** Which factors were wrong when confirming it is you (for the page once tries are paused). */
    confirmWrong?: ('password' | 'code')[];
    /** The panel member a facilitator is entering scores with (facilitator mode). */
    supportingMemberId?: number;
    /** The member's choice of layout on the scoring pages; unset: from their access needs. */
    easyRead?: boolean;
    /** What a panel member typed into a score form when their session had ended (kept for them). */
    keptScore?: { memberId: string; path: string; fields: Record<string, string> };
    /** A member signed out because they were withdrawn from the panel: their pages keep saying so. */
    withdrawnMemberId?: number;
    /** When the session cookie was last sent with a new idle expiry (platform.ts). */
    cookieRenewedAt?: number;
  }
}
