// What the results page needs beyond the engine's input: who is assigned each bid × criterion
// and has not yet submitted a score for it.
import type { Kysely } from 'kysely';
import { sortByKeys } from '../engine/keys';
import type { Database } from './schema';
import { owedCells } from './assigned-cells';

export interface AwaitedScore {
  bid: string;
  criterion: string;
  member: string;
  name: string;
  perspective: string;
  /** A draft is saved but not submitted. */
  draft: boolean;
}

export const resultsRepository = {
  /**
   * Every assigned cell (member × bid × criterion, bids not withdrawn, no conflict declared with
   * the bid) of a tender with no submitted score: the scores the panel still owes. A member who
   * withdrew from the panel owes nothing.
   */
  async awaitedScores(db: Kysely<Database>, tenderId: number): Promise<AwaitedScore[]> {
    const rows = await owedCells(db, tenderId)
      .select(['b.key as bid', 'mc.criterion', 'm.key as member', 'm.name', 'm.perspective', 's.status'])
      .orderBy('b.key')
      .orderBy('m.key')
      .execute();
    return sortByKeys(rows, (r) => r.bid, (r) => r.member).map((r) => ({ bid: r.bid, criterion: r.criterion, member: r.member, name: r.name, perspective: r.perspective, draft: r.status === 'draft' }));
  },
};
