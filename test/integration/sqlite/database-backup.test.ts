// The SQLite file's integrity check, and backups taken while the app writes, restored only after
// the checks a person would want (`backup`, `restore`, `verify-audit`). SQLite only: these are
// about the SQLite file (PostgreSQL has its own tools, pg_dump and pg_restore).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../../src/data/database';
import { recordEvent } from '../../../src/services/audit';
import { cli, importPack } from '../../helpers/cli';
import { freePort, npmStart, untilRunning } from '../../helpers/npm-start';
import { HAND_WORKED_PACK } from '../../helpers/paths';
import { damageAuditIndex } from '../../helpers/sqlite-damage';
import { fileRowCounts, withSqlite } from '../../helpers/sqlite-file';
import { useTempDatabase } from '../../helpers/temp-db';

async function importHandWorked(): Promise<void> {
  await importPack(HAND_WORKED_PACK);
}

describe('the database file and its backups', () => {
  const temp = useTempDatabase('each');

  describe('integrity', () => {
    it('verify-audit passes a healthy file and names the damage in a damaged one (exit 1)', async () => {
      await importHandWorked();
      const healthy = await cli(['verify-audit']);
      assert.equal(healthy.code, 0, healthy.stdout);
      assert.match(healthy.stdout, /passed SQLite's integrity check/);

      damageAuditIndex(temp.sqliteFile());
      const damaged = await cli(['verify-audit']);
      assert.equal(damaged.code, 1);
      assert.match(damaged.stdout, new RegExp(`The database file ${temp.sqliteFile().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged`));
      assert.match(damaged.stdout, /sqlite_autoindex_audit_events_1/);
      assert.match(damaged.stdout, /restore --from BACKUP-FILE/);
      assert.doesNotMatch(damaged.stdout, /audit chain is intact/);
    });
  });

  describe('backup', () => {
    it('takes a consistent copy while other writes go on, which passes every check', async () => {
      await importHandWorked();
      const out = path.join(temp.dir, 'backup.sqlite');
      const db = await openDatabase(temp.url);
      let written = 0;
      try {
        const writer = (async () => {
          for (let i = 0; i < 100; i += 1) {
            await db.transaction().execute((trx) => recordEvent(trx, { actor: 'test', action: 'test.write', tender: null, detail: { i } }, new Date()));
            written += 1;
          }
        })();
        const [run] = await Promise.all([cli(['backup', '--out', out]), writer]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /^Backed up .* \(\d+ pages\); the copy passed SQLite's integrity check\.$/);
      } finally {
        await db.destroy();
      }
      assert.equal(written, 100);
      assert.ok(!existsSync(`${out}.partial`));
      // The copy is one file (no WAL beside it) and a database of its own moment: its chain verifies.
      assert.ok(!existsSync(`${out}-wal`));
      const copyEvents = withSqlite(out, (s) => (s.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n);
      assert.ok(copyEvents >= 1);
      const restoredDir = path.join(temp.dir, 'restored.sqlite');
      process.env['DATABASE_URL'] = `sqlite:${restoredDir}`;
      const restore = await cli(['restore', '--from', out]);
      assert.equal(restore.code, 0, restore.stderr);
      const verify = await cli(['verify-audit']);
      assert.equal(verify.code, 0, verify.stdout);
      assert.match(verify.stdout, new RegExp(`The audit chain is intact: ${copyEvents} events`));
    });

    it('refuses to write over the database itself, and says so', async () => {
      await importHandWorked();
      const run = await cli(['backup', '--out', temp.sqliteFile()]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /cannot be written over the database itself/);
    });

    it('says when there is no database to back up', async () => {
      const run = await cli(['backup', '--out', path.join(temp.dir, 'b.sqlite')]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /There is no database at .* to back up\./);
    });

    it('needs --out (usage, exit 2)', async () => {
      const run = await cli(['backup']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /backup needs --out FILE/);
    });
  });

  describe('restore', () => {
    let backup = '';
    beforeEach(async () => {
      await importHandWorked();
      backup = path.join(temp.dir, 'backup.sqlite');
      assert.equal((await cli(['backup', '--out', backup])).code, 0);
    });

    it('puts a good backup in place of the database with --replace, undoing what came after it', async () => {
      await cli(['user', 'add', '--email', 'late@example.org', '--name', 'Late', '--role', 'commissioner'], 'plain words for a long password\n');
      const before = fileRowCounts(temp.sqliteFile());
      assert.equal(before['users'], 1);

      const refused = await cli(['restore', '--from', backup]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /A database already exists at .*Stop the app, then run the command again with --replace/);
      assert.deepEqual(fileRowCounts(temp.sqliteFile()), before);

      const run = await cli(['restore', '--from', backup, '--replace']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Restored .* the file passed SQLite's integrity check and the audit chain is intact: \d+ events? in \d+ chains?\./);
      assert.equal(fileRowCounts(temp.sqliteFile())['users'], 0);
      assert.ok(!existsSync(`${temp.sqliteFile()}.restoring`));
      assert.equal((await cli(['verify-audit'])).code, 0);
    });

    it('refuses to restore while the app is serving on the database (npm start running), and restores once it has stopped', async () => {
      const port = await freePort();
      const started = npmStart({ DATABASE_URL: temp.url, PORT: String(port) });
      try {
        await untilRunning(started);
        const before = fileRowCounts(temp.sqliteFile());
        const refused = await cli(['restore', backup, '--replace']);
        assert.equal(refused.code, 1, refused.stdout);
        assert.match(refused.stderr, /^The app is running on .*app\.sqlite \(an instance: [^)]+:\d+:[0-9a-f]{8}\)\. Stop it first, then run restore again: a running app keeps the old file open, and what it saved after the restore would be lost\. Nothing was restored\./);
        assert.deepEqual(fileRowCounts(temp.sqliteFile()), before, 'nothing restored');
        started.npm.kill('SIGTERM');
        await started.exited;
      } finally {
        // SIGTERM, which npm passes on to the server (SIGKILL would leave the server running).
        if (started.npm.exitCode === null) {
          started.npm.kill('SIGTERM');
          await started.exited;
        }
      }
      // A clean stop removes the heartbeat: the restore goes ahead.
      const run = await cli(['restore', backup, '--replace']);
      assert.equal(run.code, 0, run.stderr);
    });

    it('counts an app that stopped without closing as running until a minute after its last heartbeat', async () => {
      const beat = (until: Date) =>
        withSqlite(temp.sqliteFile(), (db) => db.prepare("INSERT OR REPLACE INTO maintenance_leases (name, holder, until) VALUES ('serving:crashed:1:abcd1234', 'crashed:1:abcd1234', ?)").run(until.toISOString()));
      beat(new Date(Date.now() + 30_000));
      const refused = await cli(['restore', backup, '--replace']);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /The app is running on .* \(an instance: crashed:1:abcd1234\)/);
      beat(new Date(Date.now() - 1_000));
      const run = await cli(['restore', backup, '--replace']);
      assert.equal(run.code, 0, run.stderr);
    });

    it('takes the backup as one file named after restore, as well as with --from', async () => {
      const before = fileRowCounts(temp.sqliteFile());
      await cli(['user', 'add', '--email', 'late@example.org', '--name', 'Late', '--role', 'commissioner'], 'plain words for a long password\n');
      const run = await cli(['restore', backup, '--replace']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Restored .*backup\.sqlite to /);
      assert.deepEqual(fileRowCounts(temp.sqliteFile()), before);
    });

    it('refuses a backup named twice, or two files, in words (usage, exit 2), changing nothing', async () => {
      const before = readFileSync(temp.sqliteFile());
      const both = await cli(['restore', backup, '--from', backup, '--replace']);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /restore takes the backup file once: either restore FILE or restore --from FILE, not both/);
      const two = await cli(['restore', backup, backup, '--replace']);
      assert.equal(two.code, 2);
      assert.match(two.stderr, /restore takes one backup file, but was given 2/);
      const none = await cli(['restore', '--replace']);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /restore needs the backup file: restore FILE \(or restore --from FILE\)/);
      assert.deepEqual(readFileSync(temp.sqliteFile()), before);
    });

    it('refuses a damaged backup and changes nothing', async () => {
      damageAuditIndex(backup);
      const before = readFileSync(temp.sqliteFile());
      const run = await cli(['restore', '--from', backup, '--replace']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /backup\.sqlite is damaged .*\n[\s\S]*Nothing was restored\./);
      assert.ok(readFileSync(temp.sqliteFile()).equals(before));
    });

    it('refuses a backup whose audit chain was changed, naming the event', async () => {
      withSqlite(backup, (s) => {
        s.exec('DROP TRIGGER audit_events_no_update');
        s.prepare("UPDATE audit_events SET actor = 'someone else' WHERE seq = 1").run();
      });
      const before = readFileSync(temp.sqliteFile());
      const run = await cli(['restore', '--from', backup, '--replace']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /The audit chain of tender HW-2026-01 is broken at event 1 \(tender\.imported\): its contents do not match its hash.*Nothing was restored\./s);
      assert.ok(readFileSync(temp.sqliteFile()).equals(before));
    });

    it('refuses a backup made by a newer release', async () => {
      withSqlite(backup, (s) => s.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('999-from-the-future', '2030-01-01T00:00:00.000Z')").run());
      const run = await cli(['restore', '--from', backup, '--replace']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /made by a newer release \(it has migrations this one does not know: 999-from-the-future\)\. Nothing was restored\./);
    });

    it('refuses an SQLite file that is not this app\'s, and a file that is not a database', async () => {
      const other = path.join(temp.dir, 'other.sqlite');
      const s = new SQLite(other);
      s.exec('CREATE TABLE notes (text TEXT)');
      s.close();
      const notOurs = await cli(['restore', '--from', other, '--replace']);
      assert.equal(notOurs.code, 1);
      assert.match(notOurs.stderr, /is an SQLite database but not one made by this app/);

      const text = path.join(temp.dir, 'notes.txt');
      writeFileSync(text, 'these are not the pages of a database, just some words in a file '.repeat(100));
      const notDb = await cli(['restore', '--from', text, '--replace']);
      assert.equal(notDb.code, 1);
      assert.match(notDb.stderr, /notes\.txt is damaged[\s\S]*not a database[\s\S]*Nothing was restored\./);
    });
  });
});
