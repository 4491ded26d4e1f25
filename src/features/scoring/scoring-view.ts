// How the panel's scoring pages show things: the member's layout (standard or easy read), the
// scale as radio buttons, score and status words, and links to the glossary.
import type { Response } from 'express';
import type { Rubric } from '../../engine';
import type { Scorer } from '../../services/scoring/scorer';
import type { CellStatus, WorkCell } from '../../services/scoring/work';
import { keptValue } from '../../views/partial-memo';
import { paragraphs, when } from '../moderation/moderation-view';

export { paragraphs, when };

/** Easy read is on when the member chose it, or by default when their access needs include it. */
export function easyReadOf(res: Response, scorer: Scorer): boolean {
  const chosen = (res.req.session as { easyRead?: boolean }).easyRead;
  if (chosen !== undefined) return chosen;
  return accessNeeds(scorer).includes('easy-read');
}

export function accessNeeds(scorer: Scorer): string[] {
  try {
    const needs: unknown = JSON.parse(scorer.member.access_needs);
    return Array.isArray(needs) ? needs.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * What every panel page needs: the layout, and whether the member is on the panel (`onPanel`; a
 * member withdrawn from it reaches only their payment pages, which then offer no way back to the
 * panel pages).
 */
export function panelPageLocals(res: Response): Record<string, unknown> {
  const scorer = res.locals['scorer'] as Scorer;
  const easyRead = easyReadOf(res, scorer);
  return { easyRead, largeText: easyRead || accessNeeds(scorer).includes('large-print'), currentPath: res.req.originalUrl.split('?')[0], onPanel: scorer.member.withdrawn_at === null };
}

export const glossaryLinks = {
  outcome: '/glossary#outcome',
  coProduction: '/glossary#co-production',
  conflict: '/glossary#conflict-of-interest',
  moderation: '/glossary#moderation',
  abstain: '/glossary#cannot-score',
  reason: '/glossary#reason',
  easyRead: '/glossary#easy-read',
  reciprocity: '/glossary#reciprocity',
  bid: '/glossary#bid',
};

export const STATUS_TAGS: Record<CellStatus, { text: string; classes: string }> = {
  'not-started': { text: 'Not started', classes: 'govuk-tag--blue' },
  draft: { text: 'In progress', classes: 'govuk-tag--light-blue' },
  done: { text: 'Done', classes: 'govuk-tag--green' },
  submitted: { text: 'Sent', classes: 'govuk-tag--grey' },
};

export const cellHref = (cell: { bid: Pick<WorkCell['bid'], 'key'>; criterion: Pick<WorkCell['criterion'], 'id'> }): string => `/panel/bids/${encodeURIComponent(cell.bid.key)}/criteria/${encodeURIComponent(cell.criterion.id)}`;

/** "4 – Good" or "I cannot score this", for a saved or typed choice. */
export function choiceText(rubric: Rubric, choice: number | 'abstain' | null): string {
  if (choice === 'abstain') return 'I cannot score this';
  if (choice === null) return 'No score chosen yet';
  const point = rubric.scale.points.find((p) => p.score === choice);
  return point ? `${choice} – ${point.label}` : String(choice);
}

export const savedChoice = (score: { score: number | null; abstain: number } | undefined): number | 'abstain' | null =>
  !score ? null : score.abstain === 1 ? 'abstain' : score.score;

/**
 * The points of the scale as radio items, highest first, each "score – label" with the plain meaning
 * in easy read and the formal one otherwise. The moderation form lists the scale this way too.
 */
export function scalePointItems(rubric: Pick<Rubric, 'scale'>, easyRead: boolean, chosen: number | 'abstain' | null) {
  const points = [...rubric.scale.points].sort((a, b) => b.score - a.score);
  return points.map((p) => ({ value: String(p.score), text: `${p.score} – ${p.label}`, hint: { text: easyRead ? p.plain : p.meaning }, checked: chosen === p.score }));
}

function freshScaleItems(rubric: Rubric, easyRead: boolean, chosen: number | 'abstain' | null) {
  return [
    ...scalePointItems(rubric, easyRead, chosen),
    { divider: 'or' },
    { value: 'abstain', text: 'I cannot score this', hint: { text: 'For example, you do not feel you know enough about this to judge it. Say why in your reason.' }, checked: chosen === 'abstain' },
  ];
}

type ScaleItems = ReturnType<typeof freshScaleItems>;
const scaleItemsOf = new WeakMap<Rubric, Map<string, ScaleItems>>();

/**
 * The scale as radio items, with the plain meaning in easy read and the formal one otherwise.
 * Made once per rubric, layout and choice, and frozen: the radios partial keeps its HTML for them
 * by their identity (partial-memo.ts, keptValue).
 */
export function scaleItems(rubric: Rubric, easyRead: boolean, chosen: number | 'abstain' | null): ScaleItems {
  let made = scaleItemsOf.get(rubric);
  if (!made) {
    made = new Map();
    scaleItemsOf.set(rubric, made);
  }
  const key = `${easyRead}:${chosen}`;
  let items = made.get(key);
  if (!items) {
    items = keptValue(freshScaleItems(rubric, easyRead, chosen));
    made.set(key, items);
  }
  return items;
}
