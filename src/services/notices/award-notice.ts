// The contract award notice's data as an OCDS 1.1 release package (JSON), for a finalised tender:
// the buyer (from configuration), the winning supplier (from the bid's details), the tender as
// one lot whose award criteria carry the rubric's criteria and weights (price too), and the award
// with its value, standstill period and, when given, the day the assessment summaries were sent
// (UK extension). Nothing is written: the notice is built from what is stored, or the problems
// are named.
import type { Config } from '../../config';
import type { Db } from '../../data/database';
import { bidDetailsRepository } from '../../data/bid-details-repository';
import { summaryDatesRepository } from '../../data/summary-dates-repository';
import { tenderRepository } from '../../data/tender-repository';
import { missingDetails, type BidDetails } from '../../engine/bid-details';
import type { ResultsJson } from '../../engine/results-json';
import { rubricOf, tenderResults } from '../results/results';
import { awardNoticeRefusal, regimeProcess } from '../provider-selection/psr-notices';
import { METHOD_WORDS } from '../rubric-view';
import { ukDay } from '../uk-dates';
import { noticeDayProblem } from './notice-days';
import { standstill, type Standstill } from './standstill';

/** The extensions the release uses, as the UK extension lists them. */
export const NOTICE_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/master/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json',
];

export interface NoticeOptions {
  /** The day the notice is to be published (YYYY-MM-DD): the standstill begins with it. */
  published: string;
  /**
   * The day the assessment summaries were sent (YYYY-MM-DD). Without it, the days the commissioner
   * recorded are used: once every bid's summary has a sent day, the last of them.
   */
  summariesSent?: string | undefined;
  /**
   * Whether the buyer observes a voluntary standstill (a light-touch contract only; default true).
   * When false the notice carries no standstillPeriod; for any other contract the Act's standstill
   * applies and false is refused.
   */
  voluntaryStandstill?: boolean | undefined;
  /** The moment the package is made (publishedDate, release date). */
  now: Date;
}

export type NoticeOutcome =
  | {
      ok: true;
      notice: ReleasePackage;
      /** Null: a light-touch contract whose buyer observes no voluntary standstill. */
      standstill: Standstill | null;
      lightTouch: boolean;
      winner: { key: string; name: string };
      /** The day given as assessmentSummariesDateSent and where it came from; null: not given (bids whose summaries have no sent day). */
      summariesSent: SentDay;
    }
  | { ok: false; unknownTender: true }
  /** Bought under the Provider Selection Regime, outside the Procurement Act: no such notice; why, in one sentence. */
  | { ok: false; regime: string }
  | { ok: false; problems: string[] };

type Json = Record<string, unknown>;
export interface ReleasePackage extends Json {
  releases: Json[];
}

/** The offset of UK time on a day ("+00:00" or "+01:00"), read at noon. */
function ukOffset(day: string): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' }).formatToParts(new Date(`${day}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}
const startOf = (day: string) => `${day}T00:00:00${ukOffset(day)}`;
const endOf = (day: string) => `${day}T23:59:59${ukOffset(day)}`;

function supplierParty(details: BidDetails, role: string): Json {
  const id = `${details.identifier!.scheme}-${details.identifier!.id}`;
  return {
    id,
    name: details.legalName,
    identifier: { scheme: details.identifier!.scheme, id: details.identifier!.id, legalName: details.legalName },
    address: { ...details.address },
    contactPoint: { email: details.email },
    roles: [role],
    details: {
      scale: details.sme ? 'sme' : 'large',
      vcse: details.vcse,
      shelteredWorkshop: details.shelteredWorkshop,
      publicServiceMissionOrganization: details.publicServiceMissionOrganization,
    },
  };
}

/** What the configuration lacks for the buyer, naming the environment variables. */
export function buyerProblems(config: Config): string[] {
  const lacking: [string, unknown][] = [
    ['BUYER_NAME', config.buyer.name],
    ['BUYER_ID', config.buyer.identifier.id],
    ['BUYER_STREET_ADDRESS', config.buyer.address.streetAddress],
    ['BUYER_LOCALITY', config.buyer.address.locality],
    ['BUYER_POSTCODE', config.buyer.address.postalCode],
    ['OCID_PREFIX', config.ocidPrefix],
  ];
  const missing = lacking.filter(([, v]) => v === undefined).map(([name]) => name);
  return missing.length === 0 ? [] : [`The buyer is not configured: set ${missing.join(', ')} (see .env.example)`];
}

type SentDay = { day: string; from: 'given' | 'recorded' } | { day: null; unsent: string[] };
const bidList = (keys: string[]): string => `bid${keys.length === 1 ? '' : 's'} ${keys.join(', ').replace(/, ([^,]+)$/, ' and $1')}`;

/**
 * The day given, else the last recorded sent day once every live bid's summary has one. A day
 * given must agree with the sent days recorded on the summaries, when there are any: it cannot
 * say every summary was sent while some bid's has no sent day, nor differ from the last of them.
 */
async function summariesSentDay(db: Db, tenderId: number, bids: { key: string; withdrawn: number }[], given: string | undefined): Promise<SentDay | { problem: string }> {
  const dates = await summaryDatesRepository.ofTender(db, tenderId);
  const live = bids.filter((b) => b.withdrawn === 0);
  const sentOn = (key: string) => dates.get(key)?.sentOn ?? null;
  const unsent = live.filter((b) => !sentOn(b.key)).map((b) => b.key);
  const recorded = live.filter((b) => sentOn(b.key)).map((b) => b.key);
  const last = recorded.map((k) => sentOn(k)!).sort().at(-1);
  if (given) {
    if (last === undefined) return { day: given, from: 'given' };
    const words = `The day the summaries were sent, ${given}, does not agree with the sent days recorded on the summaries`;
    const fix = 'record the sent day on each summary, or leave this day out to use the recorded days';
    if (unsent.length > 0) return { problem: `${words}: the summaries of ${bidList(unsent)} have no sent day recorded; ${fix}` };
    const later = recorded.filter((k) => sentOn(k)! > given);
    if (later.length > 0) return { problem: `${words}: the summaries of ${bidList(later)} are recorded as sent after it (the last on ${last}); ${fix}` };
    if (given !== last) return { problem: `${words}: every summary is recorded as sent by ${last} (${bidList(recorded.filter((k) => sentOn(k) === last))} on that day); ${fix}` };
    return { day: given, from: 'given' };
  }
  if (unsent.length > 0 || live.length === 0) return { day: null, unsent };
  return { day: last!, from: 'recorded' };
}

export async function awardNotice(db: Db, config: Config, reference: string, options: NoticeOptions): Promise<NoticeOutcome> {
  const tender = await tenderRepository.findByReference(db, reference);
  if (!tender) return { ok: false, unknownTender: true };
  const regime = await regimeProcess(db, tender.id);
  if (regime !== null) return { ok: false, regime: awardNoticeRefusal(tender.reference, regime) };
  const problems: string[] = [];
  const today = ukDay(options.now);
  const dayProblems = [noticeDayProblem('published', options.published, today), options.summariesSent === undefined ? null : noticeDayProblem('sent', options.summariesSent, today)].filter((p) => p !== null);
  // A day that is not sensible is refused at once: nothing below can be worked out from it.
  if (dayProblems.length > 0) return { ok: false, problems: dayProblems };
  if (tender.state !== 'finalised') {
    problems.push(`Tender ${tender.reference} is not finalised (it is at ${tender.state}); the award notice is written once the evaluation is finalised`);
    return { ok: false, problems: [...problems, ...buyerProblems(config)] };
  }
  const finalisation = await tenderRepository.finalisation(db, tender.id);
  const results = finalisation ? (JSON.parse(finalisation.results_json) as ResultsJson) : await tenderResults(db, tender.reference);
  const winnerKey = results?.winner ?? null;
  const bids = await tenderRepository.bids(db, tender.id);
  const winner = bids.find((b) => b.key === winnerKey);
  if (!winner) {
    problems.push(`Tender ${tender.reference} has no single winner in its finalised results, so there is no award to notify`);
    return { ok: false, problems: [...problems, ...buyerProblems(config)] };
  }
  const details = await bidDetailsRepository.find(db, winner.id);
  const missing = missingDetails(details);
  if (missing.length > 0) problems.push(`The winner's details are incomplete (bid ${winner.key}): ${missing.join(', ')}`);
  if (winner.price === null) problems.push(`The winner's price is missing (bid ${winner.key})`);
  problems.push(...buyerProblems(config));
  if (problems.length > 0 || !details) return { ok: false, problems };

  const sentOrProblem = await summariesSentDay(db, tender.id, bids, options.summariesSent);
  if ('problem' in sentOrProblem) return { ok: false, problems: [sentOrProblem.problem] };
  const sent = sentOrProblem;
  // The order the Act sets: the evaluation finalised, the summaries sent, then the notice published.
  const finalisedOn = finalisation ? ukDay(new Date(finalisation.finalised_at)) : null;
  if (finalisedOn !== null && options.published < finalisedOn) problems.push(`The publication day ${options.published} is before the evaluation was finalised (${finalisedOn}); expected that day or later`);
  if (sent.day && sent.day > options.published) problems.push(`The assessment summaries were sent on ${sent.day}, after the publication day ${options.published}; each bidder must have their summary before the notice is published`);
  if (sent.day && finalisedOn !== null && sent.day < finalisedOn) problems.push(`The day the summaries were sent, ${sent.day}, is before the evaluation was finalised (${finalisedOn}); expected that day or later`);
  if (problems.length > 0) return { ok: false, problems };
  const rubric = rubricOf(tender);
  const passMark = rubric.policy.qualityPassMark;
  const lightTouch = tender.light_touch === 1;
  const observed = options.voluntaryStandstill ?? true;
  if (!lightTouch && !observed) return { ok: false, problems: [`Tender ${tender.reference} is not a light-touch contract, so the standstill of 8 working days is not voluntary: it cannot be left out of the notice`] };
  const period = observed ? standstill(options.published) : null;
  const ocid = `${config.ocidPrefix!}-${tender.reference}`;
  const buyerId = `${config.buyer.identifier.scheme}-${config.buyer.identifier.id!}`;
  const supplier = supplierParty(details, 'supplier');
  const criteria = [
    ...rubric.sections.flatMap((s) =>
      s.criteria.map((c) => ({
        type: 'quality',
        name: c.title,
        // A minimum score is a score on the rubric's scale, not points: said in words as well.
        description: `${s.title}: ${c.outcome}${c.threshold === undefined ? '' : ` A bid must score at least ${c.threshold} on the scale of ${rubric.scale.min} to ${rubric.scale.max} for this criterion, or it cannot be awarded the contract.`}`,
        numbers: [{ number: c.weight, weight: 'percentageExact' }, ...(c.threshold === undefined ? [] : [{ number: c.threshold, threshold: 'minimumScore' }])],
      })),
    ),
    ...(rubric.price.weight > 0 ? [{ type: 'price', name: 'Price', description: METHOD_WORDS[rubric.price.method], numbers: [{ number: rubric.price.weight, weight: 'percentageExact' }] }] : []),
  ];
  // OCDS needs the award criteria to differ: criteria a rubric words alike (title, section,
  // outcome and weight) are each told apart by their id.
  const seen = criteria.map((c) => JSON.stringify(c));
  rubric.sections
    .flatMap((s) => s.criteria)
    .forEach((c, i) => {
      if (seen.filter((key) => key === seen[i]).length > 1) criteria[i]!.description = `${criteria[i]!.description} (criterion ${c.id})`;
    });
  const award: Json = {
    id: `${tender.reference}-award-1`,
    title: tender.title,
    status: 'pending',
    // OCDS: "usually the date on which a decision to award was made", here the finalising of the evaluation.
    date: finalisation ? finalisation.finalised_at : startOf(options.published),
    value: { amount: Number(winner.price), currency: 'GBP' },
    suppliers: [{ id: supplier['id'], name: supplier['name'] }],
    relatedLots: ['1'],
    ...(period ? { standstillPeriod: { startDate: startOf(period.published), endDate: endOf(period.ends) } } : {}),
    ...(sent.day ? { assessmentSummariesDateSent: startOf(sent.day) } : {}),
  };
  const release: Json = {
    ocid,
    id: `${ocid}-award-${options.published}`,
    date: options.now.toISOString(),
    tag: ['award'],
    initiationType: 'tender',
    language: 'en',
    parties: [
      {
        id: buyerId,
        name: config.buyer.name,
        identifier: { scheme: config.buyer.identifier.scheme, id: config.buyer.identifier.id, legalName: config.buyer.name },
        address: { ...config.buyer.address },
        roles: ['buyer'],
      },
      supplier,
    ],
    buyer: { id: buyerId, name: config.buyer.name },
    tender: {
      id: tender.reference,
      title: tender.title,
      status: 'complete',
      mainProcurementCategory: 'services',
      ...(lightTouch ? { specialRegime: ['lightTouch'] } : {}),
      // The award criteria extension has no field for a pass mark on the quality criteria together: it is said in words.
      lots: [{ id: '1', title: tender.title, ...(passMark === undefined ? {} : { description: `A bid must reach at least ${passMark}% of the points for the quality criteria, or it cannot be awarded the contract.` }), status: 'complete', awardCriteria: { criteria } }],
    },
    bids: { statistics: [{ id: '1', measure: 'bids', value: bids.filter((b) => b.withdrawn === 0).length, relatedLot: '1' }] },
    awards: [award],
  };
  const notice: ReleasePackage = {
    uri: `urn:ocid:${ocid}:award-${options.published}`,
    version: '1.1',
    extensions: NOTICE_EXTENSIONS,
    publishedDate: options.now.toISOString(),
    publisher: { name: config.buyer.name },
    releases: [release],
  };
  return { ok: true, notice, standstill: period, lightTouch, winner: { key: winner.key, name: details.legalName! }, summariesSent: sent };
}
