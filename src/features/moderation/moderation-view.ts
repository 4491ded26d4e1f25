// Words and numbers for the moderation pages: what the engine and the services return, put the
// way a panel would say it. Numbers are rounded for display only (2 places, half up).
import type Fraction from 'fraction.js';
import type { ConsensusRow, MemberRow, TenderRow } from '../../data/schema';
import { ukDateTimeText } from '../../services/uk-dates';
import { formatHalfUp, PERSPECTIVE_LABELS, type FinalScore, type Perspective, type Rubric } from '../../engine';

export const moderationHref = (tender: TenderRow): string => `/tenders/${encodeURIComponent(tender.reference)}/moderation`;
export const cellHref = (tender: TenderRow, bid: string, criterion: string): string => `${moderationHref(tender)}/${encodeURIComponent(bid)}/${encodeURIComponent(criterion)}`;
export const reopenHref = (tender: TenderRow, member: string): string => `${moderationHref(tender)}/members/${encodeURIComponent(member)}/reopen`;

export const GROUP_TITLES: Record<Perspective, string> = { professional: 'Professionals', 'lived-experience': 'People with lived experience' };
export const perspectiveText = (p: string): string => PERSPECTIVE_LABELS[p as Perspective] ?? p;

export const number = (x: Fraction | null): string | null => (x === null ? null : formatHalfUp(x, 2));

/** Text as paragraphs (line breaks in reasons and responses are kept without raw HTML). */
export const paragraphs = (text: string | null): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** "4 – Excellent", or "abstained" for "I cannot score this". */
export function scoreText(scale: Rubric['scale'], score: number | null, abstain = 0): string {
  if (abstain === 1 || score === null) return 'Abstained (could not score this)';
  const label = scale.points.find((p) => p.score === score)?.label;
  return label ? `${score} – ${label}` : String(score);
}

const BASIS: Record<string, string> = { consensus: 'the consensus score', mean: 'the mean of the submitted scores', median: 'the median of the submitted scores', 'equal-voice': 'equal voice: the average of each perspective’s mean' };
export const basisText = (basis: string | null): string => (basis === null ? '' : (BASIS[basis] ?? basis));

export function aggregateText(score: FinalScore | null): string {
  return score === null ? 'None yet: no submitted scores' : `${formatHalfUp(score.value, 2)} (${basisText(score.basis)})`;
}

/** Who attended, by name and perspective, from the member keys stored with a consensus score. */
export function attendeeText(row: ConsensusRow | { attendees: string }, members: readonly MemberRow[]): string[] {
  const keys = JSON.parse(row.attendees) as string[];
  return keys.map((k) => {
    const m = members.find((x) => x.key === k);
    return m ? `${m.name} (${perspectiveText(m.perspective)})` : `${k} (no longer on the panel)`;
  });
}

/** Who made a change, as stored ("facilitator:name@example", "import by …"), in words. */
/** Who did something, in words: the person's name when `names` has it (staffNames), else the recorded label. */
export const actorText = (label: string, names?: ReadonlyMap<string, string>): string =>
  names?.get(label) ?? (label.startsWith('import by ') ? 'imported from a tender pack' : label.replace(/^(commissioner|facilitator|procurement):/, '$1 '));

/** Who entered a member's score when it was not the member: a facilitator on their behalf, or an import. */
export function enteredByText(label: string | null, names?: ReadonlyMap<string, string>): string | null {
  if (label === null || label.startsWith('panel:')) return null;
  if (label.startsWith('import by ')) return 'Entered from an imported tender pack (paper scoring)';
  return `Entered on the member’s behalf by ${actorText(label, names)}`;
}

/** An ISO time as "23 November 2026 at 10:00" (UK time), with formatters made once (uk-dates.ts). */
export const when = (iso: string): string => ukDateTimeText(iso);
