// What a member's printable pack is made of besides their bids and criteria (which come from the
// scoring repository, so the pack and the screens always agree): the bids' responses and who runs
// the tender. Reads only; never a price and never a score.
import type { Kysely } from 'kysely';
import { chunks } from './chunks';
import type { Database } from './schema';

export const packRepository = {
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
