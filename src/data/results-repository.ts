// What the results page needs beyond the engine's input: who is assigned each bid × criterion
// and has not yet submitted a score for it.
import type { Kysely } from 'kysely';
import { sortByKeys } from '../engine/keys';
import type { Database } from './schema';

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
    const rows = await db
      .selectFrom('panel_members as m')
      .innerJoin('member_criteria as mc', 'mc.member_id', 'm.id')
      .innerJoin('member_bids as mb', 'mb.member_id', 'm.id')
      .innerJoin('bids as b', 'b.id', 'mb.bid_id')
      .leftJoin('scores as s', (join) => join.onRef('s.member_id', '=', 'm.id').onRef('s.bid_id', '=', 'b.id').onRef('s.criterion', '=', 'mc.criterion'))
      .select(['b.key as bid', 'mc.criterion', 'm.key as member', 'm.name', 'm.perspective', 's.status'])
      .where('m.tender_id', '=', tenderId)
      .where('m.withdrawn_at', 'is', null)
      .where('b.withdrawn', '=', 0)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('member_conflicts as mc').select('mc.bid_id').whereRef('mc.member_id', '=', 'm.id').whereRef('mc.bid_id', '=', 'b.id'))))
      .where((eb) => eb.or([eb('s.id', 'is', null), eb('s.status', '!=', 'submitted')]))
      .orderBy('b.key')
      .orderBy('m.key')
      .execute();
    return sortByKeys(rows, (r) => r.bid, (r) => r.member).map((r) => ({ bid: r.bid, criterion: r.criterion, member: r.member, name: r.name, perspective: r.perspective, draft: r.status === 'draft' }));
  },
};
