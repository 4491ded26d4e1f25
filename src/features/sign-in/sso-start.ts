// Sending a person to their organisation's identity provider, for a sign-in or to confirm it is
// them. When the provider cannot be reached, a plain page says so, never the error page.
import type { Response } from 'express';
import type { AppDeps } from '../../app';
import type { OidcProvider } from '../../services/sso/oidc';

/**
 * Starts a login at the provider, or, when it cannot be reached (its discovery document did not
 * come), a plain 503 page saying so (logged), never the error page.
 */
export async function startAtProvider(deps: AppDeps, provider: OidcProvider, res: Response, fresh: boolean, tryAgain: string): Promise<Awaited<ReturnType<OidcProvider['start']>> | null> {
  try {
    return await provider.start({ fresh });
  } catch (error) {
    deps.logger.warn({ err: error, issuer: deps.config.oidc?.issuer }, 'single sign-on: the identity provider could not be reached');
    res.set('Cache-Control', 'no-store');
    res.status(503).render('pages/sign-in/sso-unavailable', {
      pageTitle: 'Your organisation’s sign-in service cannot be reached',
      tryAgain,
      confirming: fresh,
      localPasswords: deps.config.localPasswords,
    });
    return null;
  }
}
