// The decision record the Provider Selection Regime asks for (regulation 24 of the Health Care
// Services (Provider Selection Regime) Regulations 2023), produced from the evaluation already
// recorded: the process followed and who made the decision; the key criteria, their relative
// importance (the rubric's weights) and how each bid was assessed against them; how the award
// criteria were evaluated; the reasons; and every conflict of interest declared by the panel,
// withdrawn members' too, with what the toolkit did about it and the commissioner's note. What
// the commissioner has not yet recorded is listed, never guessed. Nothing is written.
// Every figure is the engine's exact value rounded once (2 places, half up), as the results page
// shows it: never a number of the results JSON (6 places) rounded again.
import type Fraction from 'fraction.js';
import { bidDetailsRepository } from '../../data/bid-details-repository';
import type { Db } from '../../data/database';
import { panelRepository } from '../../data/panel-repository';
import { providerSelectionRepository } from '../../data/provider-selection-repository';
import type { MemberRow, TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import type { BidDetails } from '../../engine/bid-details';
import { exact, formatHalfUp, jsonNumber, keyCriterionPoints, keyCriterionWeights, PERSPECTIVE_LABELS, scoreTender, sum, type KeyCriterion, type Perspective, type ResultsJson, type TenderResult } from '../../engine';
import { staffNames } from '../actors';
import { rubricOf, tenderInput } from '../results/results';
import { METHOD_WORDS } from '../rubric-view';
import { ukDate } from '../panel-membership';
import { conflictField, PROCESS_WORDS, type ProcessWords, type PsrProcess } from './provider-selection';

const AGGREGATION_WORDS: Record<string, string> = {
  mean: 'the average (mean) of the panel members’ scores',
  median: 'the middle (median) of the panel members’ scores',
  'equal-voice': 'the average of the panel members’ scores, with people with lived experience and professionals counting equally (the mean of each group’s mean)',
};

/** The key criteria's short names, for the points table's columns (the full names head the weights table). */
const SHORT: Record<KeyCriterion, string> = {
  'quality-and-innovation': 'Quality and innovation',
  value: 'Value',
  'integration-collaboration-sustainability': 'Integration',
  'access-inequalities-choice': 'Access and inequalities',
  'social-value': 'Social value',
};

const points = (x: Fraction): string => formatHalfUp(x, 2);

export interface RecordConflict {
  field: string;
  member: { key: string; name: string; perspective: string; withdrawn: string | null };
  bid: { key: string; supplier: string };
  declared: string;
  /** What the toolkit did, and anything the commissioner must look at. */
  handled: string[];
  warnings: string[];
  note: string | null;
}

export interface DecisionRecord {
  reference: string;
  title: string;
  state: string;
  /** Null: not bought under the regime (nothing else below is filled in then). */
  process: (ProcessWords & { id: PsrProcess }) | null;
  finalised: { on: string; by: string } | null;
  decisionMakers: string | null;
  panel: { key: string; name: string; perspective: string; status: string; declaration: string }[];
  chairs: string[];
  chairsText: string;
  keyCriteria: { id: string; title: string; short: string; weight: string; criteria: string[]; criteriaText: string; includesPrice: boolean }[] | null;
  method: { scale: string; aggregation: string; price: string; priceWeight: number; qualityPassMark: number | null; thresholds: string[]; thresholdsText: string };
  bids: { key: string; supplier: string; rank: string; eligible: boolean; total: string | null; quality: string; keyPoints: string[]; failures: string[]; failuresText: string }[];
  /**
   * The provider awarded the contract: the bid's name in the evaluation, and the legal name and
   * the address of its registered office or principal place of business from the bid's details
   * (regulation 24(c)); null where not recorded (then listed in `missing`).
   */
  winner: { key: string; supplier: string; legalName: string | null; address: string | null } | null;
  reasons: { fromResults: string[]; commissioner: string | null };
  basicSelection: string | null;
  conflicts: RecordConflict[];
  undeclared: string[];
  undeclaredText: string;
  otherInterests: string | null;
  /** What the record still lacks before it is complete. */
  missing: string[];
}

function declarationWords(member: MemberRow, conflicts: number): string {
  if (member.conflicts_declared_at === null) return 'Made no declaration';
  const on = ukDate(member.conflicts_declared_at);
  return conflicts === 0 ? `Declared no conflict (${on})` : `Declared ${conflicts === 1 ? 'a conflict' : `${conflicts} conflicts`} (first answered ${on})`;
}

function fromResults(results: TenderResult, supplier: (key: string) => string): string[] {
  const ranked = results.bids.filter((b) => b.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const lines: string[] = [];
  const winner = results.winner;
  if (winner) {
    const w = results.bids.find((b) => b.key === winner)!;
    lines.push(`Bid ${w.key} (${supplier(w.key)}) was ranked first with ${points(w.total!)} points out of 100 (quality ${points(w.quality)}, price ${points(w.pricePoints!)}).`);
  } else if (ranked.some((b) => b.tie && b.rank === 1)) {
    lines.push(`No single bid was ranked first: ${ranked.filter((b) => b.rank === 1).map((b) => `bid ${b.key}`).join(' and ')} tied. The tie must be settled and recorded before an award.`);
  } else {
    lines.push('No bid was ranked first: the results are not complete, or no bid was eligible.');
  }
  for (const b of ranked.filter((b) => b.key !== winner)) lines.push(`Bid ${b.key} (${supplier(b.key)}) was ranked ${b.rank}${b.tie ? ' (tied)' : ''} with ${points(b.total!)} points.`);
  for (const b of results.bids.filter((b) => !b.eligible)) lines.push(`Bid ${b.key} (${supplier(b.key)}) was not eligible: ${b.failures.join('; ')}.`);
  for (const b of results.bids.filter((b) => b.eligible && !b.complete)) lines.push(`Bid ${b.key} (${supplier(b.key)}) was not complete: ${b.missing.join('; ')}.`);
  return lines;
}

/** What differs between the results worked out now and those recorded at finalisation (the winner, a bid's rank or 6-place figures); none when they agree. */
function unlikeRecorded(results: TenderResult, recordedJson: string): string[] {
  const recorded = JSON.parse(recordedJson) as ResultsJson;
  const figure = (x: Fraction | null) => (x === null ? null : jsonNumber(x));
  const now = new Map(results.bids.map((b) => [b.key, b]));
  const differ = recorded.winner === results.winner ? [] : ['the winner'];
  for (const key of new Set([...recorded.bids.map((b) => b.key), ...now.keys()])) {
    const was = recorded.bids.find((b) => b.key === key);
    const is = now.get(key);
    if (!was || !is || was.rank !== is.rank || was.quality !== figure(is.quality) || was.price !== figure(is.pricePoints) || was.total !== figure(is.total)) differ.push(`bid ${key}`);
  }
  return differ;
}

/** The parts of an address regulation 24(c) needs to find the provider: street, town and postcode (the country when given). */
const ADDRESS_PARTS = [
  ['street address', (d: BidDetails) => d.address?.streetAddress],
  ['town or city', (d: BidDetails) => d.address?.locality],
  ['postcode', (d: BidDetails) => d.address?.postalCode],
] as const;

/** The awarded provider's legal name and address from its bid's details, and what of them is not recorded. */
function awardedProvider(key: string, supplier: string, details: BidDetails | null): { winner: NonNullable<DecisionRecord['winner']>; missing: string[] } {
  const d = details ?? {};
  const lacking = ADDRESS_PARTS.filter(([, value]) => value(d) === undefined).map(([words]) => words);
  const address = lacking.length > 0 ? null : [d.address?.streetAddress, d.address?.locality, d.address?.postalCode, d.address?.countryName].filter((v) => v !== undefined).join(', ');
  const missing: string[] = [];
  if (!d.legalName) missing.push(`The legal name of the provider awarded the contract (bid ${key}, ${supplier}): record it in the bid’s details`);
  if (address === null) missing.push(`The address of the registered office or principal place of business of the provider awarded the contract (bid ${key}, ${supplier}): its ${lacking.join(', ').replace(/, ([^,]+)$/, ' and $1')} ${lacking.length === 1 ? 'is' : 'are'} not recorded in the bid’s details`);
  return { winner: { key, supplier, legalName: d.legalName ?? null, address }, missing };
}

export async function decisionRecord(db: Db, reference: string): Promise<DecisionRecord | null> {
  const tender = await tenderRepository.findByReference(db, reference);
  if (!tender) return null;
  return recordOf(db, tender);
}

export async function recordOf(db: Db, tender: TenderRow): Promise<DecisionRecord> {
  const [selection, finalisation, members, bids, conflicts, attendance, submitted, recorders] = await Promise.all([
    providerSelectionRepository.find(db, tender.id),
    tenderRepository.finalisation(db, tender.id),
    panelRepository.members(db, tender.id),
    tenderRepository.bids(db, tender.id),
    providerSelectionRepository.conflicts(db, tender.id),
    providerSelectionRepository.moderationAttendance(db, tender.id),
    providerSelectionRepository.submittedCounts(db, tender.id),
    providerSelectionRepository.moderationRecorders(db, tender.id),
  ]);
  // The results as the results page works them out, exact, from the stored scores and prices.
  // Nothing in a finalised tender can change, so for one they are the results recorded when it
  // was finalised (checked below: any difference is named); the recorded JSON's 6-place numbers
  // are not shown, being rounded already.
  const results = scoreTender(await tenderInput(db, tender));
  const names = await staffNames(db, [...recorders, finalisation?.finalised_by ?? null]);
  const rubric = rubricOf(tender);
  const supplier = (key: string) => bids.find((b) => b.key === key)?.supplier ?? key;
  const process = selection ? { id: selection.process as PsrProcess, ...PROCESS_WORDS[selection.process as PsrProcess] } : null;
  const perspective = (m: MemberRow) => PERSPECTIVE_LABELS[m.perspective as Perspective] ?? m.perspective;
  const memberById = new Map(members.map((m) => [m.id, m]));
  const winnerBid = results.winner ? bids.find((b) => b.key === results.winner) : undefined;
  const awarded = results.winner ? awardedProvider(results.winner, supplier(results.winner), winnerBid ? await bidDetailsRepository.find(db, winnerBid.id) : null) : null;

  const weights = keyCriterionWeights(rubric);
  const recordConflicts: RecordConflict[] = conflicts.map((c) => {
    const member = memberById.get(c.member_id)!;
    const withdrawn = member.withdrawn_at === null ? null : `Withdrew from the panel on ${ukDate(member.withdrawn_at)}${member.withdrawn_reason ? `: ${member.withdrawn_reason}` : ''}`;
    const handled = [`The bid was taken off ${member.name}’s list when they declared it: they did not read or score it, and any draft scores for it were removed.`];
    if (withdrawn) handled.push(`${member.name} later left the panel; none of their scores count in the results.`);
    const warnings: string[] = [];
    const sent = submitted.get(`${c.member_id}:${c.bid_id}`) ?? 0;
    if (sent > 0) warnings.push(`${member.name} has ${sent} score${sent === 1 ? '' : 's'} sent for this bid${withdrawn ? ' (not counted: they withdrew)' : ' that count in the results'}. Say how this was managed.`);
    const attended = attendance.filter((a) => a.bid === c.bid && a.attendees.includes(c.member));
    if (attended.length > 0) warnings.push(`${member.name} is recorded as attending the moderation of this bid (${[...new Set(attended.map((a) => a.criterion))].join(', ')}). Say how this was managed.`);
    return {
      field: conflictField(c.member, c.bid),
      member: { key: c.member, name: member.name, perspective: perspective(member), withdrawn },
      bid: { key: c.bid, supplier: c.supplier },
      declared: `${ukDate(c.declared_at)}${c.declared_by.startsWith('facilitator:') ? ', with a facilitator' : ''}`,
      handled,
      warnings,
      note: c.note,
    };
  });

  const thresholds = rubric.sections.flatMap((s) => s.criteria.filter((c) => c.threshold !== undefined).map((c) => `${c.title}: at least ${c.threshold}`));
  const undeclared = members.filter((m) => m.conflicts_declared_at === null).map((m) => `${m.name} (${m.key})`);
  const quality = sum(rubric.sections.flatMap((s) => s.criteria.map((c) => exact(c.weight))));
  const missing: string[] = [];
  if (process) {
    if (tender.state !== 'finalised') missing.push(`The evaluation is not finalised (it is at ${tender.state}): the scores below may still change`);
    const unlike = finalisation ? unlikeRecorded(results, finalisation.results_json) : [];
    if (unlike.length > 0) missing.push(`The results worked out now differ from those recorded when the evaluation was finalised (${unlike.join(', ')}): the figures below are today’s; find out why before filing the record`);
    if (!selection?.decision_makers) missing.push('Who made the decision');
    if (awarded) missing.push(...awarded.missing);
    if (!selection?.reasons) missing.push('The reasons for the decision, in your words');
    if (process.keyCriteria && !selection?.basic_selection) missing.push('How the basic selection criteria were assessed');
    if (process.keyCriteria && !weights) missing.push('How the key criteria were taken into account: the rubric does not name them');
    for (const c of recordConflicts.filter((c) => c.warnings.length > 0 && !c.note)) missing.push(`How ${c.member.name}’s conflict with bid ${c.bid.key} was managed`);
  }

  return {
    reference: tender.reference,
    title: tender.title,
    state: tender.state,
    process,
    finalised: finalisation ? { on: ukDate(finalisation.finalised_at), by: names.get(finalisation.finalised_by) ?? finalisation.finalised_by } : null,
    decisionMakers: selection?.decision_makers ?? null,
    panel: members.map((m) => ({
      key: m.key,
      name: m.name,
      perspective: perspective(m),
      status: m.withdrawn_at === null ? 'On the panel' : `Withdrew on ${ukDate(m.withdrawn_at)}${m.withdrawn_reason ? `: ${m.withdrawn_reason}` : ''}`,
      declaration: declarationWords(m, conflicts.filter((c) => c.member_id === m.id).length),
    })),
    chairs: recorders.map((r) => names.get(r) ?? r),
    chairsText: recorders.map((r) => names.get(r) ?? r).join(', '),
    keyCriteria:
      weights?.map((k) => {
        const criteria = [...k.criteria.map((c) => `${c.title} (${c.weight})`), ...(k.includesPrice ? [`Price (${rubric.price.weight})`] : [])];
        return { id: k.id, title: k.title, short: SHORT[k.id], weight: formatHalfUp(k.weight, 2).replace(/\.00$/, ''), criteria, criteriaText: criteria.join('; '), includesPrice: k.includesPrice };
      }) ?? null,
    method: {
      scale: `${rubric.scale.min} to ${rubric.scale.max}: ${rubric.scale.points.map((p) => `${p.score} ${p.label}`).join(', ')}`,
      aggregation: `Each member scored the criteria assigned to them with a written reason. A criterion’s final score is the score agreed at moderation where there is one, otherwise ${AGGREGATION_WORDS[tender.aggregation] ?? tender.aggregation}. Points = (final score − ${rubric.scale.min}) ÷ ${rubric.scale.max - rubric.scale.min} × the criterion’s weight; quality is worth ${points(quality)} points in all.`,
      price: `${METHOD_WORDS[rubric.price.method]} Price is worth ${rubric.price.weight} points.`,
      priceWeight: rubric.price.weight,
      qualityPassMark: rubric.policy.qualityPassMark ?? null,
      thresholds,
      thresholdsText: thresholds.join('; '),
    },
    bids: results.bids.map((b) => ({
      key: b.key,
      supplier: supplier(b.key),
      rank: b.rank === null ? 'Not ranked' : `${b.rank}${b.tie ? ' (tied)' : ''}`,
      eligible: b.eligible,
      total: b.total === null ? null : points(b.total),
      quality: points(b.quality),
      keyPoints: weights ? Object.values(keyCriterionPoints(rubric, { sections: b.sections, price: b.pricePoints })).map((p) => points(p)) : [],
      failures: [...b.failures, ...b.missing],
      failuresText: [...b.failures, ...b.missing].join('; '),
    })),
    winner: awarded?.winner ?? null,
    reasons: { fromResults: fromResults(results, supplier), commissioner: selection?.reasons ?? null },
    basicSelection: selection?.basic_selection ?? null,
    conflicts: recordConflicts,
    undeclared,
    undeclaredText: undeclared.join(', '),
    otherInterests: selection?.other_interests ?? null,
    missing,
  };
}
