// How the practice round reads: the member's score beside the reference score, in plain words, as
// learning (never "right" or "wrong", never a mark), and what staff see of it.
import type { Rubric } from '../../engine';
import type { RoundItem } from '../../services/practice/practice';
import { choiceText, paragraphs, savedChoice } from '../scoring/scoring-view';

export const practiceHref = (item: number): string => `/panel/practice/${item}`;
export const COMPARE_HREF = '/panel/practice/compare';

/** The sentence beside the two scores: how far apart they are, said plainly. */
function apartText(mine: number | 'abstain' | null, reference: number): string {
  if (mine === 'abstain') return 'You chose “I cannot score this”. That is always a choice you can make, if you say why.';
  if (mine === null) return 'You did not choose a score.';
  const gap = Math.abs(mine - reference);
  if (gap === 0) return 'You gave the same score.';
  return `Your score is ${gap} ${gap === 1 ? 'point' : 'points'} ${mine > reference ? 'higher' : 'lower'}. People often see an answer differently: read our reasons and think about what each of us noticed.`;
}

export function compareRows(rubric: Rubric, items: RoundItem[], easyRead: boolean) {
  return items.map((i) => {
    const mine = savedChoice(i.saved);
    return {
      item: i.item,
      criterionTitle: i.criterionOf.title,
      coProduction: i.criterionOf.coProduction === true,
      answer: paragraphs(i.answer),
      mine: choiceText(rubric, mine),
      myReason: paragraphs(i.saved?.rationale ?? ''),
      reference: choiceText(rubric, i.referenceScore),
      referenceMeaning: rubric.scale.points.find((p) => p.score === i.referenceScore)?.plain ?? '',
      whyPlain: paragraphs(i.why.plain),
      // In the standard layout the evaluators' wording is there too, folded away.
      whyFormal: easyRead ? null : paragraphs(i.why.formal),
      apart: apartText(mine, i.referenceScore),
    };
  });
}
