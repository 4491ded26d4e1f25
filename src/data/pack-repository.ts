// What a member's printable pack is made of: the bids they read (assigned, not withdrawn, not a
// declared conflict of interest), the criteria they score, the bids' responses, and who runs the
// tender. Reads only; never a price and never a score.
import type { Kysely } from 'kysely';
import { chunks } from './chunks';
import type { Database } from './schema';

export const packRepository = {
  /** The member's bids, by key: assigned to them, not withdrawn, and no conflict declared. */
  async bidsToRead(db: Kysely<Database>, memberId: number): Promise<{ id: number; key: string; supplier: string }[]> {
    return db
      .selectFrom('member_bids as mb')
      .innerJoin('bids', 'bids.id', 'mb.bid_id')
      .select(['bids.id', 'bids.key', 'bids.supplier'])
      .where('mb.member_id', '=', memberId)
      .where('bids.withdrawn', '=', 0)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('member_conflicts as mc').select('mc.bid_id').whereRef('mc.bid_id', '=', 'bids.id').where('mc.member_id', '=', memberId))),
      )
      .orderBy('bids.key')
      .execute();
  },
  /** The ids of the criteria the member scores (in no particular order). */
  async criteriaToScore(db: Kysely<Database>, memberId: number): Promise<string[]> {
    const rows = await db.selectFrom('member_criteria').select('criterion').where('member_id', '=', memberId).execute();
    return rows.map((r) => r.criterion);
  },
  /** The responses of the given bids. */
  async responses(db: Kysely<Database>, bidIds: number[]): Promise<{ bidId: number; criterion: string; response: string }[]> {
    const found: { bidId: number; criterion: string; response: string }[] = [];
    for (const part of chunks(bidIds)) {
      found.push(...(await db.selectFrom('bid_responses').select(['bid_id as bidId', 'criterion', 'response']).where('bid_id', 'in', part).execute()));
    }
    return found;
  },
  /** The name of the commissioner who owns the tender, to ask for help; undefined when no one does. */
  async ownerName(db: Kysely<Database>, ownerId: number | null): Promise<string | undefined> {
    if (ownerId === null) return undefined;
    const row = await db.selectFrom('users').select('name').where('id', '=', ownerId).executeTakeFirst();
    return row?.name;
  },
};
