// Which changes to the panel are open at each stage of a tender, and what the pages say when one
// is not. In draft everything can change; once scoring opens a member's name and perspective stay
// as they are; a replacement member can still be added and given what to score while scoring is
// open; contact details and access needs can be kept right until the tender is finalised.
import type { TenderRow } from '../data/schema';

export type PanelChange = 'add' | 'edit' | 'assign' | 'remove';

/**
 * The stages in which each change may be made. "edit" after draft changes contact details and
 * access needs only (updateMemberSupport); "add" and "assign" in scoring let a replacement member
 * join and be given what to score.
 */
const OPEN_IN: Record<PanelChange, readonly string[]> = {
  add: ['draft', 'scoring'],
  edit: ['draft', 'scoring', 'moderation'],
  assign: ['draft', 'scoring'],
  remove: ['draft'],
};

export const panelChangeOpen = (tender: TenderRow, change: PanelChange): boolean => OPEN_IN[change].includes(tender.state);

/** Why a change cannot be made at this stage, in the commissioner's words. */
export function panelLockedText(tender: TenderRow, change: PanelChange): string {
  if (tender.state === 'finalised') return 'The panel cannot change: the tender is finalised';
  if (change === 'remove') return 'A member cannot be removed once scoring has opened: withdraw them instead, so that the scores they sent stay on record';
  if (change === 'add') return 'Members cannot be added now: scoring has closed';
  return 'What members score cannot change now: scoring has closed';
}

/** What the panel page says can still change at this stage. */
export function stageText(tender: TenderRow): string | null {
  if (tender.state === 'scoring') return 'Scoring is open. Members’ names and perspectives cannot change now. You can add a replacement member and choose what they score, keep contact details and access needs up to date, and withdraw a member who can no longer take part';
  if (tender.state === 'moderation') return 'Members cannot be added and what they score cannot change now. You can keep contact details and access needs up to date, and withdraw a member who can no longer take part';
  if (tender.state === 'finalised') return 'The panel cannot change: the tender is finalised';
  return null;
}
