// The status of a member's score and the order of their tasks.
import assert from 'node:assert/strict';
import type { ScoreRow } from '../../../src/data/schema';
import { nextCell, statusOf, type MemberWork, type WorkCell } from '../../../src/services/scoring/work';

const row = (fields: Partial<ScoreRow>): ScoreRow => ({
  id: 1, tender_id: 1, member_id: 1, bid_id: 1, criterion: 'c', score: null, abstain: 0, rationale: '', status: 'draft', version: 1, entered_by: null, updated_at: '', ...fields,
});

describe('a member’s scoring tasks', () => {
  it('says not started, in progress, done or sent', () => {
    assert.equal(statusOf(undefined), 'not-started');
    assert.equal(statusOf(row({ rationale: 'a reason but no score' })), 'draft');
    assert.equal(statusOf(row({ score: 3, rationale: '   ' })), 'draft', 'a blank reason is not a reason');
    assert.equal(statusOf(row({ score: 3, rationale: 'why' })), 'done');
    assert.equal(statusOf(row({ abstain: 1, rationale: 'cannot judge' })), 'done');
    assert.equal(statusOf(row({ score: 3, rationale: 'why', status: 'submitted' })), 'submitted');
  });

  it('goes on to the next unfinished score, coming round to earlier ones, and stops when none is left', () => {
    const cell = (n: number, status: WorkCell['status'], editable = true) => ({ bid: { id: n, key: `B${n}`, supplier: '', label: '' }, criterion: { id: `c${n}` }, score: undefined, status, editable }) as unknown as WorkCell;
    const cells = [cell(1, 'not-started'), cell(2, 'done'), cell(3, 'draft'), cell(4, 'submitted', false)];
    const work = { cells } as MemberWork;
    assert.equal(nextCell(work, cells[0]), cells[2]);
    assert.equal(nextCell(work, cells[2]), cells[0]);
    assert.equal(nextCell(work), cells[0]);
    assert.equal(nextCell({ cells: [cell(1, 'done'), cell(2, 'submitted', false)] } as MemberWork), null);
  });
});
