// One line on where a member's payment stands, for the workbook's "Panel and involvement" sheet.
import { dayText, ukDay } from '../uk-dates';
import { pounds } from '../involvement-money';
import { CHOICE_TEXT, type MemberClaim } from './claim-status';

const day = (iso: string): string => dayText(ukDay(new Date(iso)));

/** "Not paid (professional)", "Not claimed", "Claimed £46.20 on 23 November 2026", "Paid … on …", each with the member's choice. */
export function claimSummaryText(c: MemberClaim): string {
  if (!c.eligible) return 'Not paid (professional)';
  const choice = c.figures.choice === null ? 'no choice made yet' : `choice: ${CHOICE_TEXT[c.figures.choice].toLowerCase()}`;
  const claim = c.state === 'paid' ? c.latest : c.current;
  switch (c.state) {
    case 'claimed':
      return `Claimed ${pounds(claim!.amount)} on ${day(claim!.claimed_at)}; ${choice}`;
    case 'approved':
      return `Approved ${pounds(claim!.amount)} on ${day(claim!.approved_at!)}; ${choice}`;
    case 'paid':
      return `Paid ${pounds(claim!.amount)} on ${dayText(claim!.paid_on!)}; ${choice}`;
    case 'changed':
      return `Changed after claiming: to claim again; ${choice}`;
    case 'nothing-to-pay':
      return `Closed: nothing to pay (claimed ${pounds(claim!.amount)} on ${day(claim!.claimed_at)}, then changed)${c.figures.overpaid === null ? '' : `, paid ${pounds(c.figures.overpaid)} more than owed so far`}; ${choice}`;
    default:
      return `Not claimed${c.paid.length > 0 ? ` (paid ${pounds(c.figures.paidBefore)} before)` : ''}; ${choice}`;
  }
}
