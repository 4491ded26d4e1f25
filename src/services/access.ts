// Who may see which tender (engine rules §1). Checked per object, in one place:
// - a commissioner sees the tenders they own and those with no owner (imported for everyone);
// - procurement and facilitators work across the organisation, so they see every tender;
// - a panel member sees only the tender they were invited to, and only through the panel pages.
import type { TenderRow } from '../data/schema';
import type { Actor } from './actors';

export function canSeeTender(actor: Actor, tender: TenderRow): boolean {
  if (actor.kind !== 'staff') return false;
  if (actor.role === 'commissioner') return tender.owner_id === null || tender.owner_id === actor.id;
  return true;
}

/** Prices are for commissioners and procurement only. */
export const canSeePrices = (actor: Actor): boolean => actor.kind === 'staff' && (actor.role === 'commissioner' || actor.role === 'procurement');
