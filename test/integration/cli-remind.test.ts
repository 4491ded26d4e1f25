// `remind` (a contract in the README): the reminders due today for every tender, one line per
// tender; members who have not sent get one each (letters here: no SMTP), and a second run the
// same day sends nothing again.
import assert from 'node:assert/strict';
import { ukToday } from '../../src/services/uk-dates';
import { cli, importPack } from '../helpers/cli';
import { writeChangedPack } from '../helpers/packs';
import { withDatabase } from '../helpers/database-peek';
import { useTempDatabase } from '../helpers/temp-db';

describe('remind (CLI)', () => {
  const db = useTempDatabase('each');

  it('sends the reminders due today, once', async () => {
    // Scoring open, closing today (the command runs on the real clock), no scores sent yet.
    const file = writeChangedPack(db.dir, 'scoring.yaml', (pack) => {
      pack.tender = { ...pack.tender, reference: 'RM-1', state: 'scoring', timetable: { scoringCloses: ukToday(new Date()) } };
      pack.scores = [];
      pack.consensus = [];
    });
    await importPack(file);
    const first = await cli(['remind']);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(first.out, ['RM-1: 0 sent by email, 3 letters to print, 0 not delivered.']);
    const rows = await withDatabase(db.url, (d) =>
      d.selectFrom('messages').innerJoin('panel_members as m', 'm.id', 'messages.member_id').select(['m.key', 'messages.channel', 'messages.detail']).where('kind', '=', 'reminder').orderBy('m.key').execute(),
    );
    assert.deepEqual(rows.map((r) => [r.key, r.channel]), [['m1', 'letter'], ['m2', 'letter'], ['m3', 'letter']]);
    const again = await cli(['remind']);
    assert.deepEqual(again.out, ['RM-1: 0 sent by email, 0 letters to print, 0 not delivered.']);
  });

  it('says when no reminders are due', async () => {
    const run = await cli(['remind']);
    assert.equal(run.code, 0);
    assert.deepEqual(run.out, ['No reminders are due today.']);
  });
});
