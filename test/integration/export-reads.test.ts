// What the export reads, read more cheaply than the rest of the application does (one JSON text
// per query instead of a row object per score): the engine is given exactly the input results.ts
// gives it, and the Scores sheet's pages hold every stored score once, in id order, with its text
// exactly as stored.
import assert from 'node:assert/strict';
import type { Db } from '../../src/data/database';
import { openDatabase } from '../../src/data/database';
import { exportRepository, type ScoreLine } from '../../src/data/export-repository';
import { panelRepository } from '../../src/data/panel-repository';
import { scoreRepository } from '../../src/data/score-repository';
import { tenderRepository } from '../../src/data/tender-repository';
import type { TenderRow } from '../../src/data/schema';
import type { TenderInput } from '../../src/engine';
import { engineInput } from '../../src/services/export/engine-input';
import { tenderInput } from '../../src/services/results/results';
import { importPack } from '../helpers/cli';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';

/** Text a person might write that JSON, XML or SQLite could get wrong. */
// (No null character: forms and files refuse one before it is stored; see web/null-characters.test.ts.)
const AWKWARD = ['quote " backslash \\ done', 'controls \u0001\u001f\u007f', 'line\r\nbreak\ttab', '\u2028\u2029 separators', '😀 emoji', '_x000D_ literal', '＝1+1', ''];

const sortedScores = (input: TenderInput) => [...input.scores].map((s) => JSON.stringify(s)).sort();

async function stored(db: Db, tender: TenderRow): Promise<TenderInput> {
  const [bids, members, consensus, scores] = await Promise.all([
    tenderRepository.bids(db, tender.id),
    panelRepository.members(db, tender.id),
    scoreRepository.consensus(db, tender.id),
    scoreRepository.submittedTuples(db, tender.id),
  ]);
  return engineInput({ tender, bids, members, consensus, scores });
}

async function allPages(db: Db, tenderId: number, submittedOnly: boolean, limit: number): Promise<ScoreLine[][]> {
  const { maxId } = await exportRepository.scoreBounds(db, tenderId, submittedOnly);
  const pages: ScoreLine[][] = [];
  for (let afterId = 0; ; ) {
    const page = await exportRepository.scorePage(db, tenderId, { afterId, maxId, limit, submittedOnly });
    if (page.length === 0) return pages;
    pages.push(page);
    afterId = page[page.length - 1]![0];
  }
}

describe('export: what it reads', () => {
  const temp = useTempDatabase('all');
  let db: Db;
  let tender: TenderRow;

  before(async () => {
    await importPack(HAND_WORKED_PACK);
    db = await openDatabase(temp.url);
    tender = (await tenderRepository.findByReference(db, 'HW-2026-01'))!;
    // Awkward rationales, a draft (never given to the engine) and a score entered for a member.
    const scores = await db.selectFrom('scores').select('id').where('tender_id', '=', tender.id).orderBy('id').execute();
    for (const [i, s] of scores.entries()) await db.updateTable('scores').set({ rationale: AWKWARD[i % AWKWARD.length]! }).where('id', '=', s.id).execute();
    await db.updateTable('scores').set({ status: 'draft' }).where('id', '=', scores[1]!.id).execute();
    await db.updateTable('scores').set({ entered_by: 'facilitator@example.org' }).where('id', '=', scores[2]!.id).execute();
  });

  after(async () => db.destroy());

  it('gives the engine the same input as the results do', async () => {
    const expected = await tenderInput(db, tender);
    const actual = await stored(db, tender);
    assert.deepEqual(sortedScores(actual), sortedScores(expected));
    assert.ok(expected.scores.some((s) => s.score === 'abstain'), 'the pack has an abstention');
    // The prepared rubric holds functions, so it is compared by what it writes out.
    assert.deepEqual({ ...actual, scores: [], rubric: null }, { ...expected, scores: [], rubric: null });
    assert.equal(JSON.stringify(actual.rubric), JSON.stringify(expected.rubric));
  });

  it('pages through every stored score once, in id order, as stored', async () => {
    const rows = await db
      .selectFrom('scores')
      .select(['id', 'member_id', 'bid_id', 'criterion', 'score', 'abstain', 'rationale', 'status', 'entered_by', 'updated_at'])
      .where('tender_id', '=', tender.id)
      .orderBy('id')
      .execute();
    const expected = rows.map((r): ScoreLine => [r.id, r.member_id, r.bid_id, r.criterion, r.score, r.abstain, r.rationale, r.status, r.entered_by, r.updated_at]);
    const pages = await allPages(db, tender.id, false, 3);
    assert.ok(pages.length > 2 && pages.every((p) => p.length <= 3));
    assert.deepEqual(pages.flat(), expected);
    assert.deepEqual(
      (await allPages(db, tender.id, true, 4)).flat(),
      expected.filter((line) => line[7] === 'submitted'),
    );
  });

  it('reads nothing beyond the bound fixed when the export started', async () => {
    const { maxId } = await exportRepository.scoreBounds(db, tender.id, false);
    const page = await exportRepository.scorePage(db, tender.id, { afterId: 0, maxId: maxId - 1, limit: 1_000, submittedOnly: false });
    assert.equal(page.length, (await allPages(db, tender.id, false, 1_000)).flat().length - 1);
    assert.deepEqual(await exportRepository.scorePage(db, tender.id, { afterId: maxId, maxId, limit: 10, submittedOnly: false }), []);
  });
});
