// The panel after scoring has opened: people's lives change while a tender is evaluated.
//
// - A member's contact details, access needs and notes (which name their supporter, if they have
//   one) can be kept right at any stage until the tender is finalised. Their name, perspective
//   and what they score stay as they were (services/panel.ts).
// - A member who drops out during scoring or moderation is withdrawn, with a written reason: their
//   invitation links stop working, they can no longer score, and the scores they sent stay stored
//   but are left out of the results (services/results/results.ts inputOf), which say so and why. Drafts
//   never counted, and still do not. In draft a member is simply removed instead.
//
// Each change is one transaction with its audit event. Contact details and access needs are
// personal: the audit trail names the member's key and which fields changed, never their values.
import type { Db } from '../data/database';
import { invitationRepository } from '../data/invitation-repository';
import { panelRepository } from '../data/panel-repository';
import type { MemberRow, TenderRow } from '../data/schema';
import { writeTransaction } from '../data/write-transaction';
import { PERSPECTIVE_LABELS, type AccessNeed, type Perspective } from '../engine';
import { canSeeTender } from './access';
import { actorLabel, type Actor } from './actors';
import { ukDateText } from './uk-dates';
import { recordEvent } from './audit';
import { assertNotFinalised, currentTender, TenderLockedError } from './tender-rules';

/** The most a withdrawal reason may hold. */
export const WITHDRAWAL_REASON_MAX = 500;

/** What can be kept right about a member at any stage until finalising. */
export interface MemberSupport {
  contact: string | null;
  accessNeeds: AccessNeed[];
  accessNotes: string | null;
  /** They asked for their messages by post (printable letters), not email. */
  byPost: boolean;
}

export type Problem = { field: string; text: string };
export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const isWithdrawn = (member: MemberRow): boolean => member.withdrawn_at !== null;

/** "5 March 2027": a day written the GOV.UK way, in UK time. */
export const ukDate = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : ukDateText(d);
};

/** "withdrew from the panel on 5 March 2027: moved away" (null for a member still on the panel). */
export function withdrawnText(member: MemberRow, withReason = true): string | null {
  if (member.withdrawn_at === null) return null;
  const when = `withdrew from the panel on ${ukDate(member.withdrawn_at)}`;
  return withReason && member.withdrawn_reason ? `${when}: ${member.withdrawn_reason}` : when;
}

const PERSPECTIVE_WORDS: Record<string, string> = { professional: 'professional', 'lived-experience': 'lived experience' };

/** "Scores of Sam Okafor (lived experience) are not counted: withdrew from the panel on …: …", one per member who withdrew. */
export function leftOutTexts(members: readonly MemberRow[]): string[] {
  return members
    .filter(isWithdrawn)
    .map((m) => `Scores of ${m.name} (${PERSPECTIVE_WORDS[m.perspective] ?? m.perspective}) are not counted: ${withdrawnText(m)!}`);
}

/** Withdrawing a member shapes the evaluation, so it is the commissioner's, as removing one is. */
export const canWithdraw = (actor: Actor, tender: TenderRow): boolean =>
  actor.kind === 'staff' && actor.role === 'commissioner' && canSeeTender(actor, tender);

/** Members are withdrawn while scoring or moderation is under way; in draft they are removed instead. */
export const withdrawalOpen = (tender: TenderRow): boolean => tender.state === 'scoring' || tender.state === 'moderation';

export const WITHDRAWAL_CLOSED: Record<string, string> = {
  draft: 'A member cannot be withdrawn while the tender is a draft: remove them from the panel instead',
  finalised: 'A member cannot be withdrawn: the tender is finalised',
};

function assertWithdrawalOpen(tender: TenderRow): void {
  if (!withdrawalOpen(tender)) throw new TenderLockedError(WITHDRAWAL_CLOSED[tender.state] ?? WITHDRAWAL_CLOSED['finalised']!);
}

/** What withdrawing this member would leave out: their sent scores and their drafts. */
export const withdrawalEffects = (db: Db, member: MemberRow): Promise<{ submitted: number; drafts: number }> => panelRepository.scoreCounts(db, member.id);

/**
 * Withdraws a member, with the commissioner's reason: their links stop working and their scores
 * (kept) are no longer counted. Refused for a member already withdrawn, or outside scoring and
 * moderation. The reason is the commissioner's own words and goes into the audit trail.
 */
export async function withdrawMember(db: Db, actor: Actor, tender: TenderRow, member: MemberRow, reason: string, now: Date): Promise<Outcome<null>> {
  if (!canWithdraw(actor, tender) || member.tender_id !== tender.id) throw new Error(`${actorLabel(actor)} may not withdraw members of ${tender.reference}`);
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<Outcome<null>> => {
    const current = await currentTender(trx, tender);
    assertWithdrawalOpen(current);
    const stored = await panelRepository.findById(trx, member.id);
    if (!stored) throw new Error(`member ${member.key} has gone`);
    if (isWithdrawn(stored)) return { ok: false, problems: [{ field: 'reason', text: `${stored.name} has already been withdrawn from the panel` }] };
    const at = now.toISOString();
    const by = actorLabel(actor);
    await panelRepository.updateMember(trx, stored.id, { withdrawn_at: at, withdrawn_reason: reason, withdrawn_by: by });
    const stopped = await invitationRepository.revokeWorking(trx, stored.id, at);
    const { submitted, drafts } = await withdrawalEffects(trx, stored);
    // Reviewed summaries that now say something else (other final scores, another winner) are stale by their content fingerprint.
    const detail = { member: stored.key, perspective: stored.perspective, reason, stage: current.state, scoresNotCounted: submitted, draftsNotCounted: drafts, linksStopped: stopped };
    await recordEvent(trx, { actor: by, action: 'panel.member-withdrawn', tender: current.reference, detail }, now);
    return { ok: true, value: null };
  });
}

/** Which of the fields a person's support details are in changed (names only, for the audit trail). */
function changedFields(before: MemberSupport, after: MemberSupport): (keyof MemberSupport)[] {
  return (Object.keys(after) as (keyof MemberSupport)[]).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

/**
 * Saves a member's contact details, access needs and notes, at any stage until the tender is
 * finalised (a commissioner or a facilitator: see canChangePanel's "edit"). A save that changes
 * nothing writes nothing.
 */
export async function updateMemberSupport(db: Db, actor: Actor, tender: TenderRow, member: MemberRow, support: MemberSupport, now: Date): Promise<{ changed: string[] }> {
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const current = await currentTender(trx, tender);
    assertNotFinalised(current, `${member.name}’s details`);
    const stored = await panelRepository.findById(trx, member.id);
    if (!stored || stored.tender_id !== current.id) throw new Error(`member ${member.key} has gone`);
    const before: MemberSupport = { contact: stored.contact, accessNeeds: JSON.parse(stored.access_needs) as AccessNeed[], accessNotes: stored.access_notes, byPost: stored.prefers_post === 1 };
    const changed = changedFields(before, support);
    if (changed.length === 0) return { changed };
    await panelRepository.updateMember(trx, stored.id, { contact: support.contact, access_needs: JSON.stringify(support.accessNeeds), access_notes: support.accessNotes, prefers_post: support.byPost ? 1 : 0 });
    // Keys only: which fields changed, never what they say.
    const detail = { member: stored.key, changed, stage: current.state };
    await recordEvent(trx, { actor: actorLabel(actor), action: 'panel.member-changed', tender: current.reference, detail }, now);
    return { changed };
  });
}

/** The member's perspective in words ("Lived experience of care services"). */
export const perspectiveLabel = (member: MemberRow): string => PERSPECTIVE_LABELS[member.perspective as Perspective] ?? member.perspective;
