// createApp(deps): the Express app, built from injected dependencies. It never listens
// (server.ts does), so tests drive it with supertest against a real database.
import { createHash } from 'node:crypto';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Db } from './data/database';
import { accountRoutes } from './features/accounts/account-routes';
import { bidRoutes } from './features/bids/bid-routes';
import { bidSpreadsheetUpload } from './features/bids/bid-upload';
import { exportRoutes } from './features/export/export-routes';
import { glossaryRoutes } from './features/glossary/glossary-routes';
import { involvementRoutes } from './features/involvement/involvement-routes';
import { claimRoutes } from './features/claims/claim-routes';
import { invitationRoutes } from './features/invitations/invitation-routes';
import { messageRoutes } from './features/messages/message-routes';
import { moderationRoutes } from './features/moderation/moderation-routes';
import { outcomeRoutes } from './features/outcome/outcome-routes';
import { packRoutes } from './features/pack/pack-routes';
import { providerSelectionRoutes } from './features/provider-selection/provider-selection-routes';
import { panelRoutes } from './features/panel/panel-routes';
import { resultsRoutes } from './features/results/results-routes';
import { rubricRoutes } from './features/rubrics/rubric-routes';
import { keepScoreAfterOldToken, keepScoreAfterSignOut } from './features/scoring/kept-score';
import { scoringRoutes } from './features/scoring/scoring-routes';
import { signInRoutes } from './features/sign-in/sign-in-routes';
import { accessibilityRoutes } from './features/accessibility/accessibility-routes';
import { noticeRoutes } from './features/notices/notice-routes';
import { summaryRoutes } from './features/summaries/summary-routes';
import { tenderPackUpload } from './features/tenders/pack-upload';
import { tenderRoutes } from './features/tenders/tender-routes';
import { timetableRoutes } from './features/timetable/timetable-routes';
import { practiceRoutes } from './features/practice/practice-routes';
import { actorOf, loadActor } from './middleware/auth';
import { errorHandler, notFound } from './middleware/errors';
import { pageLocals } from './middleware/locals';
import { csrfChecks, platformSettings, securityHeaders, sessionCookieName, sessions } from './middleware/platform';
import './middleware/session-types';
import { uploadsBeforeCsrf } from './middleware/uploads';
import { smtpMailer, type Mailer } from './services/messages/mailer';
import type { RubricLibrary } from './services/rubric-library';
import type { ScoreSaves } from './services/score-saves/score-saves';
import type { Assets } from './views/assets';
import { VIEWS_DIR, viewEngine } from './views/engine';

export interface AppDeps {
  db: Db;
  config: Config;
  rubrics: RubricLibrary;
  assets: Assets;
  logger: Logger;
  /** The clock; tests move it to test timeouts. */
  now: () => Date;
  /** Sends email to panel members; null: messages are printable letters. Made from SMTP_URL when not given. */
  mailer?: Mailer | null;
  /**
   * Where score saves are committed: the server gives the writer thread (score-saves/writer-thread.ts);
   * without it, saves are group-committed on `db`'s own connection.
   */
  scoreSaves?: ScoreSaves;
  /** Tests only (the server never sets it): shifts the single sign-on client's clock, in seconds, to test an expired ID token. */
  ssoClockSkewSeconds?: number;
}

const GOVUK_DIST = path.resolve(VIEWS_DIR, '..', 'node_modules', 'govuk-frontend', 'dist', 'govuk');

export function createApp(given: AppDeps): Express {
  const deps: AppDeps = { ...given, mailer: given.mailer !== undefined ? given.mailer : given.config.smtp ? smtpMailer(given.config.smtp) : null };
  const app = express();
  const production = deps.config.env === 'production';
  platformSettings(app);
  app.set('trust proxy', deps.config.trustProxy);
  const engine = viewEngine();
  app.engine('hbs', engine.engine);
  app.set('view engine', 'hbs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', production);

  app.use(securityHeaders());

  // Static files get the security headers too (helmet runs first).
  const staticOptions = { maxAge: production ? '1d' : 0, index: false, fallthrough: true };
  // The stylesheet is the same for every request, so it has an ETag (made once) for revalidation.
  const cssTag = `"${createHash('sha1').update(deps.assets.css).digest('base64url')}"`;
  app.get('/styles/app.css', (_req, res) => {
    res.set('ETag', cssTag).type('text/css').send(deps.assets.css);
  });
  app.use('/assets', express.static(path.join(GOVUK_DIST, 'assets'), staticOptions));
  app.get('/assets/govuk-frontend.min.js', (_req, res) => res.sendFile(path.join(GOVUK_DIST, 'govuk-frontend.min.js')));
  app.use('/public', express.static(path.join(VIEWS_DIR, 'public'), staticOptions));

  app.use(sessions(deps));
  app.use(loadActor(deps.db, deps.now));
  app.use(pageLocals);
  app.use(keepScoreAfterSignOut(deps.db, sessionCookieName(deps.config)));
  app.use(uploadsBeforeCsrf([bidSpreadsheetUpload, tenderPackUpload]));
  app.use(csrfChecks());

  app.get('/', (_req, res) => {
    const actor = actorOf(res);
    res.redirect(303, actor.kind === 'staff' ? (actor.role === 'admin' ? '/accounts' : '/tenders') : actor.kind === 'panel' ? '/panel' : '/sign-in');
  });
  // The scoring pages first: a panel member's score page and autosave are most of the traffic, and
  // each router before them would try its every route on them. No other router has their paths.
  app.use(scoringRoutes(deps));
  app.use(signInRoutes(deps));
  app.use(accountRoutes(deps));
  app.use(tenderRoutes(deps));
  app.use(timetableRoutes(deps));
  app.use(bidRoutes(deps));
  app.use(panelRoutes(deps));
  app.use(invitationRoutes(deps));
  app.use(practiceRoutes(deps));
  app.use(moderationRoutes(deps));
  app.use(resultsRoutes(deps));
  app.use(summaryRoutes(deps));
  app.use(noticeRoutes(deps));
  app.use(providerSelectionRoutes(deps));
  app.use(exportRoutes(deps));
  app.use(involvementRoutes(deps));
  app.use(messageRoutes(deps));
  app.use(outcomeRoutes(deps));
  app.use(claimRoutes(deps));
  app.use(packRoutes(deps));
  app.use(rubricRoutes(deps));
  app.use(glossaryRoutes());
  app.use(accessibilityRoutes(deps));

  app.use(notFound);
  app.use(keepScoreAfterOldToken);
  app.use(errorHandler(deps.logger));
  return app;
}
