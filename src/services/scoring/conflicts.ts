// Conflicts of interest (engine rules §1): before any bid is shown, a member says whether they, or
// someone close to them, get support from or work for any of the organisations that bid. A
// declared conflict takes that bid off the member's list for good, and the commissioner sees it
// on the panel page. The organisations are listed by name in alphabetical order, never with their
// bid codes, so an anonymised tender stays anonymous. A conflict can be added later, but not for a
// bid whose scores the member has already submitted (they must ask the commissioner).
import type { Db } from '../../data/database';
import { scoringRepository, type MemberBid } from '../../data/scoring-repository';
import { tenderRepository } from '../../data/tender-repository';
import { writeTransaction } from '../../data/write-transaction';
import { recordEvent } from '../audit';
import type { Scorer } from './scorer';
import { withMember } from './scoring';

export interface Declaration {
  declared: boolean;
  organisations: { key: string; supplier: string; conflicted: boolean; submitted: boolean }[];
}

export async function declarationOf(db: Db, scorer: Scorer): Promise<Declaration> {
  const [bids, conflicts, scores, reopened] = await Promise.all([
    scoringRepository.assignedBids(db, scorer.member.id),
    scoringRepository.conflictBidIds(db, scorer.member.id),
    scoringRepository.scoresOf(db, scorer.member.id),
    scoringRepository.reopenedCells(db, scorer.member.id),
  ]);
  // A score moderation sent back is a draft again, but it was sent: it counts as sent here.
  const submitted = new Set([...scores.filter((s) => s.status === 'submitted').map((s) => s.bid_id), ...reopened.map((r) => r.bid_id)]);
  return {
    declared: scorer.member.conflicts_declared_at !== null,
    organisations: bids.map((b: MemberBid) => ({ key: b.key, supplier: b.supplier, conflicted: conflicts.includes(b.id), submitted: submitted.has(b.id) })),
  };
}

export interface DeclarationInput {
  anyConflict: boolean;
  /** Bid keys of the organisations chosen (only read when anyConflict). */
  organisations: string[];
}

export type DeclareOutcome = { ok: true; newConflicts: number } | { ok: false; problems: { field: string; text: string }[] };

/**
 * Records the member's answer. Everything is checked and written in one transaction (the tender's
 * state, what was already sent, the conflicts on file), so a send in another tab cannot slip
 * between the check and the write.
 */
export async function declareConflicts(db: Db, scorer: Scorer, input: DeclarationInput, now: Date): Promise<DeclareOutcome> {
  const refused = (field: string, text: string): DeclareOutcome => ({ ok: false, problems: [{ field, text }] });
  return writeTransaction(db, [{ member: scorer.member.id, tender: scorer.tender.id }], async (trx): Promise<DeclareOutcome> => {
    // Only once scoring has opened: the bids and the panel are settled then, so no bid can be
    // added to the member's list after they have answered.
    const state = (await tenderRepository.findById(trx, scorer.tender.id))?.state ?? 'finalised';
    if (state === 'draft') return refused('anyConflict', 'Scoring has not started yet. You can answer this when it starts');
    if (state === 'finalised') return refused('anyConflict', 'The evaluation has finished, so nothing can be declared here now');
    const ticked = input.organisations.length > 0;
    if (!input.anyConflict && ticked) return refused('anyConflict', 'You answered No but ticked some organisations. Answer Yes, or untick them');
    const current = await declarationOf(trx, scorer);
    const chosen = input.anyConflict ? current.organisations.filter((o) => input.organisations.includes(o.key)) : [];
    if (input.anyConflict && chosen.length === 0) return refused('organisations', 'Choose the organisations you have a link with');
    if (input.organisations.some((k) => !current.organisations.some((o) => o.key === k))) return refused('organisations', 'Choose organisations from the list');
    const fresh = chosen.filter((o) => !o.conflicted);
    const blocked = fresh.filter((o) => o.submitted);
    if (blocked.length > 0) {
      const names = blocked.map((o) => o.supplier).join(', ');
      return refused('organisations', `You have already sent your scores for ${names}. Tell the person running the tender about this instead`);
    }
    const bids = await scoringRepository.assignedBids(trx, scorer.member.id);
    const ids = fresh.map((o) => bids.find((b) => b.key === o.key)!.id);
    const at = now.toISOString();
    await scoringRepository.addConflicts(trx, scorer.member.id, ids, scorer.enteredBy, at);
    const draftsRemoved = await scoringRepository.deleteDraftsFor(trx, scorer.member.id, ids);
    await scoringRepository.setDeclared(trx, scorer.member.id, at);
    // The answer given now, the conflicts it adds, and how many are on file in all (a "No" now
    // does not undo a conflict declared before).
    const onFile = current.organisations.filter((o) => o.conflicted).length + fresh.length;
    const detail = {
      member: scorer.member.key,
      answer: input.anyConflict ? 'yes' : 'no',
      newConflicts: fresh.map((o) => o.key),
      conflictsOnFile: onFile,
      draftsRemoved,
      enteredBy: scorer.enteredBy,
      withMember: withMember(scorer),
    };
    await recordEvent(trx, { actor: scorer.enteredBy, action: 'conflicts.declared', tender: scorer.tender.reference, detail }, now);
    return { ok: true, newConflicts: fresh.length };
  });
}
