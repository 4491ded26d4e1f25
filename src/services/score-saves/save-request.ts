// The SaveRequest for a scorer's save (score-save.ts), made on the app's thread from the request's
// scorer and the tender's rubric.
import { rubricOf } from '../results/results';
import { criteriaInOrder } from '../scoring/cell';
import type { Scorer } from '../scoring/scorer';
import type { SaveMode, SaveRequest, ScoreInput } from './score-save';

/** The member's key when a facilitator entered something with them (for the audit trail). */
export const withMember = (scorer: Scorer): string | undefined => (scorer.facilitator ? scorer.member.key : undefined);

/** The request for a save, or null when the criterion is not in the tender's rubric. */
export function saveRequest(scorer: Scorer, bidKey: string, criterionId: string, input: ScoreInput, mode: SaveMode, now: Date): SaveRequest | null {
  const rubric = rubricOf(scorer.tender);
  if (!criteriaInOrder(rubric).some((c) => c.id === criterionId)) return null;
  return {
    memberId: scorer.member.id,
    tenderId: scorer.tender.id,
    memberKey: scorer.member.key,
    tenderReference: scorer.tender.reference,
    tenderState: scorer.tender.state,
    enteredBy: scorer.enteredBy,
    withMember: withMember(scorer),
    bidKey,
    criterionId,
    input,
    mode,
    scale: { min: rubric.scale.min, max: rubric.scale.max },
    at: now.toISOString(),
  };
}

