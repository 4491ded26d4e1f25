// A member's printable pack (issue 4, item 6), for members who read on paper and score with a
// facilitator: a cover page, then one sheet for each bid and criterion they score, each with the
// outcome, the question, what good looks like, the bid's response and a blank score sheet.
//
// For a member who reads easy read, each sheet leads with the question in plain words, and the
// pack is in large print unless asked otherwise.
//
// The pack holds only what the member may see: their assigned bids that are not withdrawn and
// not a declared conflict of interest, their assigned criteria in rubric order, each bid named by
// code when the tender is anonymised. Never a price, never anyone's score.
import type { Db } from '../data/database';
import { packRepository } from '../data/pack-repository';
import { scoringRepository } from '../data/scoring-repository';
import type { MemberRow, TenderRow } from '../data/schema';
import type { Criterion } from '../engine';
import { detailsOf } from './panel';
import { rubricOf } from './results/results';

export const PRINT_SIZES = ['standard', 'large'] as const;
export type PrintSize = (typeof PRINT_SIZES)[number];

export interface PackSheet {
  /** 1, 2, … in the order the pack is printed. */
  number: number;
  /** The sheet's anchor on the page. */
  anchor: string;
  bid: { key: string; name: string };
  criterion: Pick<Criterion, 'id' | 'title' | 'outcome' | 'question' | 'guidance' | 'plain'>;
  /** The response in paragraphs; empty when the bid gave none. */
  response: string[];
}

/**
 * Bids one pack prints at most: beyond that (a framework tender can give a member hundreds), the
 * pack asks which bid to print, one at a time, rather than sending thousands of sheets at once.
 */
export const PACK_BIDS_AT_ONCE = 10;

export interface MemberPack {
  tenderTitle: string;
  reference: string;
  memberName: string;
  /** The commissioner who runs the tender, to ask for help; null when no one owns it. */
  contactName: string | null;
  bidCount: number;
  criterionCount: number;
  sheets: PackSheet[];
  /** Whether the member has said if they have a conflict of interest with any bid. */
  conflictsDeclared: boolean;
  /** Every bid the member reads, in order: to choose from when there are too many to print at once. */
  bids: { key: string; name: string }[];
  /** The one bid printed, when one was asked for. */
  only: { key: string; name: string } | null;
  /** Too many bids to print at once and none chosen: the pack has no sheets, only the choice. */
  chooseBid: boolean;
}

/** Why a panel member's own pack cannot be shown yet, or null when it can. */
export type PackNotReady = 'scoring-not-open' | 'conflicts-first';

export function packNotReady(tender: TenderRow, member: MemberRow): PackNotReady | null {
  if (tender.state === 'draft') return 'scoring-not-open';
  if (member.conflicts_declared_at === null) return 'conflicts-first';
  return null;
}

/** Whether the member's access needs include easy read. */
export const needsEasyRead = (member: MemberRow): boolean => detailsOf(member).accessNeeds.includes('easy-read');

/**
 * The size asked for; otherwise large print for members whose access needs include large print,
 * and for those who read easy read (which comes in bigger text on the screen too).
 */
export function printSize(member: MemberRow, asked: PrintSize | undefined, easyRead = needsEasyRead(member)): PrintSize {
  if (asked) return asked;
  return easyRead || detailsOf(member).accessNeeds.includes('large-print') ? 'large' : 'standard';
}

/** "Bid A: Riverside Care Ltd", or just "Bid A" when the panel must not see organisations' names. */
export const bidName = (tender: TenderRow, bid: { key: string; supplier: string }): string =>
  tender.anonymise === 1 ? `Bid ${bid.key}` : `Bid ${bid.key}: ${bid.supplier}`;

const paragraphs = (text: string): string[] =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

const anchorPart = (text: string): string => text.replace(/[^A-Za-z0-9_-]+/g, '-');

/**
 * The member's pack: every bid they read, or only the bid `only` (its key). Null when `only` is
 * not one of their bids (never assigned, withdrawn or a conflict).
 */
export async function memberPack(db: Db, tender: TenderRow, member: MemberRow, only?: string): Promise<MemberPack | null> {
  if (member.tender_id !== tender.id) throw new Error(`member ${member.key} is not on the panel of ${tender.reference}`);
  const rubric = rubricOf(tender);
  const [bids, criterionIds, contactName] = await Promise.all([
    scoringRepository.openBids(db, member.id),
    scoringRepository.assignedCriteria(db, member.id),
    packRepository.ownerName(db, tender.owner_id),
  ]);
  const own = new Set(criterionIds);
  const criteria = rubric.sections.flatMap((s) => s.criteria).filter((c) => own.has(c.id));
  const chosen = only === undefined ? undefined : bids.find((b) => b.key === only);
  if (only !== undefined && !chosen) return null;
  const chooseBid = !chosen && bids.length > PACK_BIDS_AT_ONCE;
  const printed = chosen ? [chosen] : chooseBid ? [] : bids;
  const responses = new Map((await packRepository.responses(db, printed.map((b) => b.id))).map((r) => [`${r.bidId} ${r.criterion}`, r.response]));
  const sheets = printed.flatMap((bid) =>
    criteria.map((c) => ({
      bid: { key: bid.key, name: bidName(tender, bid) },
      anchor: `sheet-${anchorPart(bid.key)}-${anchorPart(c.id)}`,
      criterion: { id: c.id, title: c.title, outcome: c.outcome, question: c.question, guidance: c.guidance, plain: c.plain },
      response: paragraphs(responses.get(`${bid.id} ${c.id}`) ?? ''),
    })),
  );
  return {
    tenderTitle: tender.title,
    reference: tender.reference,
    memberName: member.name,
    contactName: contactName ?? null,
    bidCount: bids.length,
    criterionCount: criteria.length,
    sheets: sheets.map((s, i) => ({ number: i + 1, ...s })),
    conflictsDeclared: member.conflicts_declared_at !== null,
    bids: bids.map((b) => ({ key: b.key, name: bidName(tender, b) })),
    only: chosen ? { key: chosen.key, name: bidName(tender, chosen) } : null,
    chooseBid,
  };
}
