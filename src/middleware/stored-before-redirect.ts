// A redirect waits until the session it changed is stored.
//
// express-session writes a changed session only as the response ends, and it does not hold the
// response back for it: it sends the status and headers (and all but the last byte of a body)
// while the store is still writing. A browser follows a redirect as soon as it has the headers,
// so the next page can be asked for before the session it needs is in the database. With two
// instances on PostgreSQL this was seen: a member who had just opened their invitation link was
// sent on to the conflicts page, which found no session and sent them back to the start page.
// Sign-in, the layout switch, facilitator mode and the one-time messages all change the session and
// then redirect, so every redirect after a change now stores the session first.
//
// Only a change is stored (a redirect that changed nothing costs nothing more), and never a session
// holding nothing but its cookie: an empty new session stays unstored, as express-session keeps it
// (nothing an anonymous visitor does is stored). After the explicit save express-session sees the
// session as saved and does not write it a second time.
import type { RequestHandler, Response } from 'express';
import type session from 'express-session';

type Session = session.Session & Partial<session.SessionData>;

/** The session's contents without its cookie, as express-session compares them. */
function contents(s: Session): string {
  return JSON.stringify(s, function (this: unknown, key, value: unknown) {
    return this === s && key === 'cookie' ? undefined : value;
  });
}

const holdsSomething = (s: Session): boolean => Object.keys(s).some((k) => k !== 'cookie');

export function storedBeforeRedirect(): RequestHandler {
  return (req, res, next) => {
    const loaded = req.session as Session | undefined;
    if (!loaded) {
      next();
      return;
    }
    const loadedId = req.sessionID;
    const loadedContents = contents(loaded);
    const wasStored = holdsSomething(loaded);
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
    res.redirect = ((...args: unknown[]) => {
      const now = req.session as Session | undefined;
      const sameSession = req.sessionID === loadedId;
      // Destroyed (signed out), unchanged, or a new session with nothing in it: nothing to store.
      const toStore = now !== undefined && (!sameSession || contents(now) !== loadedContents) && (holdsSomething(now) || (sameSession && wasStored));
      if (!toStore) return redirect(...args);
      now.save((error) => (error ? next(error) : redirect(...args)));
    }) as Response['redirect'];
    next();
  };
}
