// The checks before each stage change, on facts written out by hand: which checks apply at which
// change, what blocks, the words of the co-production and payment checks, and when a summary review holds.
import assert from 'node:assert/strict';
import type { BidRow, MemberRow, TenderRow } from '../../../../src/data/schema';
import { prepareRubric, type Rubric } from '../../../../src/engine';
import { outstandingItems, summaryReviewState } from '../../../../src/services/readiness/readiness-checks';
import type { ReadinessFacts } from '../../../../src/services/readiness/readiness-facts';
import { rubricLibrary } from '../../../../src/services/rubric-library';
import { RUBRICS_DIR } from '../../../helpers/paths';

const tender = (state: string, hourly_rate: string | null = null): TenderRow =>
  ({ id: 1, reference: 'T-1', title: 'T', rubric_id: 'r', rubric_json: '{}', aggregation: 'mean', anonymise: 0, state, owner_id: null, created_at: '', updated_at: '', hourly_rate, scoring_closes_on: null, moderation_on: null, award_planned_on: null }) as TenderRow;
const bid = (id: number, key: string, withdrawn = 0): BidRow => ({ id, tender_id: 1, key, supplier: `Org ${key}`, price: '100.00', withdrawn });
const member = (id: number, name: string, perspective: string): MemberRow =>
  ({ id, tender_id: 1, key: `m${id}`, name, perspective, contact: null, access_needs: '[]', access_notes: null, conflicts_declared_at: null, scoring_seconds: 0, last_active_at: null, withdrawn_at: null, withdrawn_reason: null, withdrawn_by: null }) as MemberRow;

describe('readiness checks', () => {
  let rubric: Rubric;
  before(async () => {
    const loaded = await rubricLibrary(RUBRICS_DIR).load('home-care-outcomes');
    assert.ok(loaded?.ok);
    rubric = loaded.rubric;
  });

  function facts(state: string, change: Partial<ReadinessFacts> = {}): ReadinessFacts {
    const criteria = prepareRubric(rubric).criteria;
    return { tender: tender(state), criteria, bids: [bid(1, 'A'), bid(2, 'B')], members: [], assignments: [], owed: [], result: null, reviews: [], summaryContents: new Map(), withLinks: new Set(), summaryFlags: [], ...change };
  }
  const coProduction = () => prepareRubric(rubric).criteria.find((c) => c.coProduction)!;

  it('blocks opening scoring with no live bid or no one to score, and says nothing of scores yet', () => {
    const items = outstandingItems(facts('draft', { bids: [bid(1, 'A', 1)] }), 'scoring');
    assert.deepEqual(items.map((i) => [i.kind, i.blocks]), [['no-bids', true], ['no-panel', true]]);
  });

  it('names the bids a co-production criterion has no lived-experience scorer for, and asks for a rate for paid members', () => {
    const lived = member(1, 'Ann', 'lived-experience');
    const pro = member(2, 'Bo', 'professional');
    const c = coProduction();
    const items = outstandingItems(
      facts('draft', {
        members: [lived, pro],
        assignments: [
          { memberId: 1, bid: 'A', criterion: c.id },
          { memberId: 2, bid: 'B', criterion: c.id },
        ],
      }),
      'scoring',
    );
    assert.deepEqual(
      items.map((i) => [i.kind, i.blocks, i.text]),
      [
        ['co-production', false, `No panel member with lived experience scores the co-production criterion “${c.title}” for bid B`],
        ['hourly-rate', false, 'No hourly rate is set, and 1 panel member with lived experience is paid for their time'],
      ],
    );
    assert.equal(items[1]!.href, '/tenders/T-1/involvement');
  });

  it('checks scores not sent when scoring closes (re-opened ones too), and only re-opened ones before finalising', () => {
    const pro = member(2, 'Bo', 'professional');
    const c = coProduction();
    const owed = [
      { memberId: 2, bid: 'A', criterion: c.id, reopened: false },
      { memberId: 2, bid: 'B', criterion: c.id, reopened: true },
    ];
    const assignments = [
      { memberId: 2, bid: 'A', criterion: c.id },
      { memberId: 2, bid: 'B', criterion: c.id },
      { memberId: 2, bid: 'A', criterion: 'workforce' },
    ];
    const closing = outstandingItems(facts('scoring', { members: [pro], assignments, owed }), 'moderation').filter((i) => i.kind === 'not-sent');
    assert.deepEqual(closing.map((i) => i.text), ['Bo (professional) has not sent 2 of their 3 scores: scores not sent are not counted']);
    const finalising = outstandingItems(facts('moderation', { members: [pro], assignments, owed }), 'finalised');
    assert.deepEqual(finalising.filter((i) => i.kind === 'reopened').map((i) => i.text), ['Bo has 1 re-opened score not sent again: the score as first sent is not counted']);
    assert.equal(finalising.filter((i) => i.kind === 'not-sent').length, 0);
  });

  it('holds a summary review only while the summary says what was reviewed, and asks for one made before fingerprints again', () => {
    const review = (bid: string, content: string | null) => ({ bid, reviewedBy: 'commissioner:x', reviewedAt: '2026-11-23T10:00:00.000Z', content });
    const summaryContents = new Map([['A', 'a'.repeat(64)], ['B', 'b'.repeat(64)]]);
    const summaryItems = (reviews: ReturnType<typeof review>[]) =>
      outstandingItems(facts('moderation', { reviews, summaryContents }), 'finalised')
        .filter((i) => i.kind === 'summary')
        .map((i) => i.text);
    assert.deepEqual(summaryItems([review('A', 'a'.repeat(64)), review('B', 'b'.repeat(64))]), []);
    assert.deepEqual(summaryItems([review('A', 'a'.repeat(64)), review('B', 'c'.repeat(64))]), ['The assessment summary for bid B (Org B) was reviewed before it changed: review it again']);
    assert.deepEqual(summaryItems([review('A', null)]), [
      'The assessment summary for bid A (Org A) was reviewed before it changed: review it again',
      'The assessment summary for bid B (Org B) has not been reviewed',
    ]);
    assert.equal(summaryReviewState({ reviews: [review('A', 'a'.repeat(64))], summaryContents }, 'A'), 'reviewed');
  });
});
