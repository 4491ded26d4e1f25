// Who is scoring, and for whom: the panel member signed in with their link, or a facilitator
// entering scores with a member they support (facilitator mode, engine rules §1). Every panel page and
// every score save goes through one Scorer, so a facilitator's entries are always recorded as
// "entered by facilitator X with member Y" and a facilitator never scores in their own name.
import type { Db } from '../../data/database';
import { panelRepository } from '../../data/panel-repository';
import type { PanelSessionRows } from '../../data/panel-session-repository';
import type { MemberRow, TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import { userRepository } from '../../data/user-repository';
import { canSeeTender } from '../access';
import { actorLabel, type Actor } from '../actors';

export interface Scorer {
  member: MemberRow;
  tender: TenderRow;
  /** Stored with every score and entry: `panel:<id>` for the member, `facilitator:<email>` otherwise. */
  enteredBy: string;
  /** The facilitator entering scores with the member, when it is not the member themself. */
  facilitator: { name: string; email: string } | null;
}

/**
 * The scorer for this request, or null when the actor may not use the panel pages. `rows`: the
 * member's and tender's rows read with the signed-in member's session this request (no need to
 * read them again).
 */
export async function scorerFor(db: Db, actor: Actor, supportingMemberId: number | undefined, rows?: PanelSessionRows): Promise<Scorer | null> {
  if (actor.kind === 'panel') {
    if (rows && rows.member.id === actor.memberId && rows.tender.id === actor.tenderId) return { member: rows.member, tender: rows.tender, enteredBy: actorLabel(actor), facilitator: null };
    const [member, tender] = await Promise.all([panelRepository.findById(db, actor.memberId), tenderRepository.findById(db, actor.tenderId)]);
    return member && tender ? { member, tender, enteredBy: actorLabel(actor), facilitator: null } : null;
  }
  if (actor.kind === 'staff' && actor.role === 'facilitator' && supportingMemberId !== undefined) {
    const member = await panelRepository.findById(db, supportingMemberId);
    const tender = member ? await tenderRepository.findById(db, member.tender_id) : undefined;
    if (!member || !tender || !canSeeTender(actor, tender)) return null;
    return { member, tender, enteredBy: actorLabel(actor), facilitator: { name: actor.name, email: actor.email } };
  }
  return null;
}

/** "Jo Smith (facilitator)" for a score entered with the member by a facilitator; null for the member's own. */
export async function enteredByName(db: Db, enteredBy: string | null): Promise<string | null> {
  if (enteredBy === null || !enteredBy.startsWith('facilitator:')) return null;
  const user = await userRepository.findByEmail(db, enteredBy.slice('facilitator:'.length));
  return user ? user.name : 'a facilitator';
}
