// Two reminder runs at once (the daily run on two instances, or the daily run and "Send the
// reminders due now"), each on its own connection as two processes have: each member is recorded
// and emailed once, never twice. A real SMTP server counts the emails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/data/database';
import { smtpMailer } from '../../src/services/messages/mailer';
import type { Messaging } from '../../src/services/messages/messages';
import { sendDueReminders, sendTenderReminders } from '../../src/services/messages/reminders';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { handWorkedPack } from '../helpers/packs';
import { REPO_ROOT, RUBRICS_DIR } from '../helpers/paths';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { testDatabaseKind, useTempDatabase } from '../helpers/temp-db';
import { useTwoConnections } from '../helpers/two-connections';
import { ukToday } from '../../src/services/uk-dates';

const EMAILS = ['sam@example.org', 'priya@example.org', 'tom@example.org'];
/** 3 days before scoring closes on 10 December: reminders are due. */
const DUE = new Date('2026-12-07T09:00:00Z');

describe('reminders: two runs at once send each reminder once', function () {
  this.timeout(60_000);
  const two = useTwoConnections();
  let smtp: TestSmtp;

  before(async () => {
    smtp = await startSmtp();
  });
  after(async () => smtp.close());
  beforeEach(() => {
    smtp.mails.length = 0;
  });

  const messaging = (db: Db): Messaging => ({ db, mailer: smtpMailer({ url: smtp.url, from: 'tenders@council.example' }), publicUrl: 'https://tenders.example', reminderDays: 3 });

  async function scoringTender(db: Db, closesOn = '2026-12-10'): Promise<void> {
    const pack = handWorkedPack();
    pack.tender = { ...pack.tender, reference: 'RACE-R', state: 'scoring' };
    (pack.panel as { contact?: string }[]).forEach((member, i) => (member.contact = EMAILS[i]));
    pack.scores = [];
    pack.consensus = [];
    const imported = await importPack(db, rubricLibrary(RUBRICS_DIR), pack, { file: 'test', actor: 'test', now: two.clock.now });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    await db.updateTable('tenders').set({ scoring_closes_on: closesOn }).where('reference', '=', 'RACE-R').execute();
  }

  const reminders = async (db: Db) => db.selectFrom('messages').innerJoin('panel_members as m', 'm.id', 'messages.member_id').select(['m.key', 'messages.status']).where('kind', '=', 'reminder').orderBy('m.key').execute();

  it('the daily run on two instances at once, and again with the staff button: one reminder and one email each', async () => {
    await scoringTender(two.db);
    const now = () => DUE;
    // PostgreSQL: a second connection, as a second instance has. SQLite: one connection serves a
    // process, so the runs share it (two processes are the next test).
    const other = testDatabaseKind() === 'postgres' ? two.other : two.db;
    const tender = await two.db.selectFrom('tenders').selectAll().where('reference', '=', 'RACE-R').executeTakeFirstOrThrow();
    const [a, b, c] = await Promise.all([
      sendDueReminders(messaging(two.db), 'remind', now),
      sendDueReminders(messaging(other), 'remind', now),
      sendTenderReminders(messaging(other), tender, 'staff', now),
    ]);
    const sent = a.reduce((n, d) => n + d.tally.sent, 0) + b.reduce((n, d) => n + d.tally.sent, 0) + c.sent;
    assert.deepEqual(await reminders(two.db), [
      { key: 'm1', status: 'sent' },
      { key: 'm2', status: 'sent' },
      { key: 'm3', status: 'sent' },
    ]);
    assert.equal(sent, 3, 'the three runs together sent three');
    assert.deepEqual(smtp.mails.map((m) => m.to[0]).sort(), [...EMAILS].sort(), 'one email to each member');
    const events = await two.db.selectFrom('audit_events').select('action').where('action', '=', 'message.sending').execute();
    assert.equal(events.length, 3);
  });

  describe('two `remind` processes at once', function () {
    this.timeout(120_000);
    const temp = useTempDatabase('each');

    /** `npm run cli -- remind` as cron runs it, in its own process, on the real clock. */
    const remind = () =>
      new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const env = { ...process.env, DATABASE_URL: temp.url, SMTP_URL: smtp.url, PUBLIC_URL: 'https://tenders.example', MAIL_FROM: 'tenders@council.example', RUBRICS_DIR };
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'cli', 'main.ts'), 'remind'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, out }));
      });

    it('records and emails each reminder once', async () => {
      const db = await openDatabase(temp.url);
      try {
        await scoringTender(db, ukToday(new Date()));
        const runs = await Promise.all([remind(), remind()]);
        for (const run of runs) assert.equal(run.code, 0, run.out);
        assert.deepEqual((await reminders(db)).map((r) => r.key), ['m1', 'm2', 'm3']);
        assert.deepEqual(smtp.mails.map((m) => m.to[0]).sort(), [...EMAILS].sort());
      } finally {
        await db.destroy();
      }
    });
  });
});
