// The cells a tender's panel is to score, written once for every repository that counts or lists
// them: each member on the panel (not withdrawn) × each criterion they were given × each bid they
// were given that is not withdrawn and that they declared no conflict with. The rows are joined
// as `m` (panel_members), `mc` (member_criteria), `mb` (member_bids) and `b` (bids); callers add
// what they select, group or join.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** Every cell the panel of `tenderId` is to score, as a query to select from. */
export function assignedCells(db: Kysely<Database>, tenderId: number) {
  return db
    .selectFrom('panel_members as m')
    .innerJoin('member_criteria as mc', 'mc.member_id', 'm.id')
    .innerJoin('member_bids as mb', 'mb.member_id', 'm.id')
    .innerJoin('bids as b', 'b.id', 'mb.bid_id')
    .where('m.tender_id', '=', tenderId)
    .where('m.withdrawn_at', 'is', null)
    .where('b.withdrawn', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('member_conflicts as conflict').select('conflict.bid_id').whereRef('conflict.member_id', '=', 'm.id').whereRef('conflict.bid_id', '=', 'b.id'))),
    );
}

/** The cells of assignedCells with no submitted score: what the panel still owes. Its score, if any, joined as `s`. */
export function owedCells(db: Kysely<Database>, tenderId: number) {
  return assignedCells(db, tenderId)
    .leftJoin('scores as s', (join) => join.onRef('s.member_id', '=', 'm.id').onRef('s.bid_id', '=', 'b.id').onRef('s.criterion', '=', 'mc.criterion'))
    .where((eb) => eb.or([eb('s.id', 'is', null), eb('s.status', '!=', 'submitted')]));
}
