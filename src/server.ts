// Starts the web app: configuration, database (migrated), the demo on an empty database, then
// listens, pruning expired sessions and rate-limit counts when its turn comes. A damaged database
// file stops the start with what to do. SIGTERM and SIGINT finish the requests in flight, the
// score saves being committed, stop the pruning timer and close the database (`npm start` execs
// tsx, so the signal reaches it).
import pino from 'pino';
import { createApp } from './app';
import { loadConfig, loadEnvFile } from './config';
import { databaseKind, openDatabase, sqlitePath } from './data/database';
import { damagedMessage, integrityProblems } from './data/sqlite-maintenance';
import { seedDemo } from './services/demo';
import { startHeartbeat } from './services/shared-state/heartbeat';
import { startPruning } from './services/shared-state/pruning';
import { rubricLibrary } from './services/rubric-library';
import { writerThread } from './services/score-saves/writer-thread';
import { buildAssets } from './views/assets';

const DEMO_PACK = 'fixtures/demo/home-care-demo.yaml';

class DamagedDatabaseError extends Error {
  override name = 'DamagedDatabaseError';
}

async function start(): Promise<void> {
  loadEnvFile();
  const config = loadConfig(process.env, { serving: true });
  const logger = pino({ level: config.logLevel });
  const db = await openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
  // SQLite: a file damaged in the middle still opens and answers simple queries: check every page first.
  const damage = await integrityProblems(db);
  if (damage.length > 0) {
    await db.destroy();
    throw new DamagedDatabaseError(damagedMessage(sqlitePath(config.databaseUrl), damage));
  }
  const rubrics = rubricLibrary(config.rubricsDir);
  const seed = await seedDemo(db, rubrics, DEMO_PACK, new Date());
  // SQLite: score saves are committed on a writer thread, off the event loop
  // (score-saves/writer-thread.ts). PostgreSQL's driver never blocks the event loop: the app saves
  // on its pool.
  const sqliteFile = databaseKind(config.databaseUrl) === 'sqlite' ? sqlitePath(config.databaseUrl) : null;
  const scoreSaves = sqliteFile && sqliteFile !== ':memory:' ? writerThread(sqliteFile) : undefined;
  await scoreSaves?.ready;
  // Expired sessions and rate-limit counts: one instance at a time prunes them (a lease).
  const pruning = startPruning(db, { now: () => new Date(), logger });
  // A heartbeat in the database while serving: `restore` refuses while an instance is running.
  const heartbeat = await startHeartbeat(db, { now: () => new Date(), onError: (error) => logger.warn({ err: error }, 'the serving heartbeat could not be written') });
  const app = createApp({ db, config, rubrics, assets: buildAssets(), logger, now: () => new Date(), ...(scoreSaves ? { scoreSaves } : {}) });
  const server = app.listen(config.port, () => {
    const base = `http://localhost:${config.port}`;
    console.log(`\nEvaluate a care tender is running at ${base}`);
    if (seed.seeded) {
      console.log(`\nLoaded the demo tender ${seed.reference}. Demo accounts (sign in at ${base}/sign-in):`);
      seed.accounts.forEach((a) => console.log(`  ${a.role.padEnd(13)} ${a.email}  password: ${a.password}`));
      console.log('\nDemo panel members (no password: the link signs them in):');
      seed.invitations.forEach((i) => console.log(`  ${i.name} (${i.perspective.replace('-', ' ')}): ${base}${i.path}`));
    } else if (seed.reason === 'loading-elsewhere') {
      console.log('Another instance is loading the demo into this database; it prints the demo accounts.');
    } else {
      console.log('The database already holds tenders, so no demo was loaded. Add accounts with: npm run cli -- user add');
    }
  });
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping: finishing requests in flight');
    server.close(() => {
      Promise.all([pruning.stop(), scoreSaves?.close(), heartbeat.stop()])
        .then(() => db.destroy())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

start().catch((error: unknown) => {
  console.error(['ConfigError', 'DamagedDatabaseError', 'DatabaseUrlError'].includes((error as Error).name) ? (error as Error).message : error);
  process.exit(1);
});
