// The tender pack format `tender-pack/1` (a contract in the README): a whole tender in one file, for set-up,
// paper scoring, migration and tests. The schema checks each field; `packProblems` checks the
// pack against its rubric (criteria, panel, scale, duplicate keys).
import { z } from 'zod';
import { BidDetailsSchema } from './bid-details';
import { AGGREGATIONS, PERSPECTIVES, TENDER_STATES } from './domain';
import { decimalText } from './exact';
import type { Problem } from './problems';
import type { Rubric } from './rubric-schema';

export const ACCESS_NEEDS = ['large-print', 'easy-read', 'screen-reader', 'printed-pack', 'supporter', 'other'] as const;
export type AccessNeed = (typeof ACCESS_NEEDS)[number];

const text = z.string().trim().min(1);
const key = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'must be 1 to 32 letters, digits, "-" or "_", such as "A" or "m1"');
const reference = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,39}$/, 'must be 1 to 40 letters, digits, "-", "_", "/" or ".", such as "HC-2026-07"');

const PRICE_EXAMPLE = 'like 125000 or 125000.50';

/**
 * The price rules of the web forms and the bids spreadsheet (parsePounds in services/bids.ts),
 * with the same limits and words, for a price given as a number in a pack: above £0, in whole
 * pence, under £1 trillion. Null when the price is fine. The number is read as the exact decimal
 * that is stored (decimalText), so 0.1 is 0.1 and 5e-324 has 324 decimal places.
 * test/unit/engine/pack-price.test.ts holds the two rules together.
 */
export function packPriceProblem(price: number): string | null {
  const text = decimalText(price);
  if (text.startsWith('-')) return `is below £0; expected a price above 0, ${PRICE_EXAMPLE}`;
  const [whole = '', pence = ''] = text.split('.');
  if (pence.length > 2) return 'has more than 2 decimal places; expected pounds and pence, like 125000.50';
  if (whole.replace(/^0+/, '').length > 12) return 'is too large; expected a price under £1,000,000,000,000';
  if (!(price > 0)) return `is not above £0; expected a price above 0, ${PRICE_EXAMPLE}`;
  return null;
}

/** A calendar day in UK time, YYYY-MM-DD, that exists (2027-02-29 does not). */
const calendarDay = z.string().refine(
  (day) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
  },
  { error: 'expected a real calendar day written YYYY-MM-DD, like "2027-03-05"' },
);

/** The timetable's days in order, each with the words the problems use. */
export const PACK_TIMETABLE = [
  ['scoringCloses', 'the day scoring closes'],
  ['moderation', 'the moderation meeting'],
  ['awardPlanned', 'the planned award'],
] as const;

const price = z.number().superRefine((value, ctx) => {
  const problem = packPriceProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
});

export const PackBidSchema = z.strictObject({
  key,
  supplier: text,
  price: price.nullable().optional(),
  responses: z.record(z.string(), z.string()).default({}),
  withdrawn: z.boolean().default(false),
  /** The bidder's legal details for the award notice, named as OCDS names them; optional. */
  details: BidDetailsSchema.optional(),
});

export const PackMemberSchema = z.strictObject({
  key,
  name: text,
  perspective: z.enum(PERSPECTIVES),
  contact: z.string().optional(),
  accessNeeds: z.array(z.enum(ACCESS_NEEDS)).default([]),
  accessNotes: z.string().optional(),
  criteria: z.array(z.string()).optional(),
  bids: z.array(z.string()).optional(),
});

/** -0 is a whole number to JSON and YAML, but not a score: the scale's 0 has no minus sign. */
const MINUS_ZERO = { error: 'is -0; expected a whole number on the scale, and 0 without a minus sign' };
const notMinusZero = (score: number | 'abstain'): boolean => !Object.is(score, -0);

export const PackScoreSchema = z.strictObject({
  member: z.string(),
  bid: z.string(),
  criterion: z.string(),
  score: z.union([z.int(), z.literal('abstain')], { error: 'expected a whole number on the scale or "abstain"' }).refine(notMinusZero, MINUS_ZERO),
  rationale: text,
});

export const PackConsensusSchema = z.strictObject({
  bid: z.string(),
  criterion: z.string(),
  score: z.int().refine(notMinusZero, MINUS_ZERO),
  rationale: text,
  attendees: z.array(z.string()).min(1),
});

export const TenderPackSchema = z.strictObject({
  format: z.literal('tender-pack/1'),
  tender: z.strictObject({
    reference,
    title: text,
    rubric: z.union([z.string().min(1), z.looseObject({ format: z.literal('rubric/1') })], {
      error: 'expected a rubric id from rubrics/ or an inline rubric with format: rubric/1',
    }),
    aggregation: z.enum(AGGREGATIONS).default('mean'),
    anonymise: z.boolean().default(false),
    state: z.enum(TENDER_STATES).default('draft'),
    /** The evaluation's timetable: any of the three days, each YYYY-MM-DD in UK time. */
    timetable: z.strictObject({ scoringCloses: calendarDay.optional(), moderation: calendarDay.optional(), awardPlanned: calendarDay.optional() }).optional(),
    /** A light-touch contract (most social care; the default): standstill is voluntary. */
    lightTouch: z.boolean().optional(),
  }),
  bids: z.array(PackBidSchema).min(1),
  panel: z.array(PackMemberSchema).default([]),
  scores: z.array(PackScoreSchema).default([]),
  consensus: z.array(PackConsensusSchema).default([]),
});

export type TenderPack = z.output<typeof TenderPackSchema>;
export type PackMember = TenderPack['panel'][number];

/** The criteria a member scores: those listed, or every criterion their perspective may score. */
export function memberCriteria(member: PackMember, rubric: Rubric): string[] {
  if (member.criteria) return member.criteria;
  return rubric.sections.flatMap((s) => s.criteria).filter((c) => !c.scoredBy || c.scoredBy.includes(member.perspective)).map((c) => c.id);
}

/** The bids a member scores: those listed, or every bid. */
export function memberBids(member: PackMember, pack: TenderPack): string[] {
  return member.bids ?? pack.bids.map((b) => b.key);
}

function duplicates<T>(items: readonly T[], keyOf: (item: T) => string, path: (i: number) => string, what: string): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const k = keyOf(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else problems.push({ path: path(i), message: `repeats ${what} ${k} (first at [${first}]); expected each only once` });
  });
  return problems;
}

export function packProblems(pack: TenderPack, rubric: Rubric): Problem[] {
  const criteria = new Map(rubric.sections.flatMap((s) => s.criteria).map((c) => [c.id, c]));
  const criterionList = [...criteria.keys()].join(', ');
  const bids = new Set(pack.bids.map((b) => b.key));
  const members = new Map(pack.panel.map((m) => [m.key, m]));
  const { min, max } = rubric.scale;
  const problems: Problem[] = [
    ...duplicates(pack.bids, (b) => b.key, (i) => `bids[${i}].key`, 'the bid key'),
    ...duplicates(pack.panel, (m) => m.key, (i) => `panel[${i}].key`, 'the member key'),
    ...duplicates(pack.scores, (s) => `${s.member}/${s.bid}/${s.criterion}`, (i) => `scores[${i}]`, 'the score for member/bid/criterion'),
    ...duplicates(pack.consensus, (c) => `${c.bid}/${c.criterion}`, (i) => `consensus[${i}]`, 'the consensus for bid/criterion'),
  ];
  const unknownCriterion = (id: string, path: string) => {
    if (!criteria.has(id)) problems.push({ path, message: `"${id}" is not a criterion of rubric ${rubric.id}; expected one of: ${criterionList}` });
  };
  const unknownBid = (k: string, path: string) => {
    if (!bids.has(k)) problems.push({ path, message: `"${k}" is not a bid in this pack; expected one of: ${[...bids].join(', ')}` });
  };
  const onScale = (score: number, path: string) => {
    if (score < min || score > max) problems.push({ path, message: `is ${score}, off the scale; expected a whole number from ${min} to ${max}` });
  };
  pack.bids.forEach((bid, i) => Object.keys(bid.responses).forEach((id) => unknownCriterion(id, `bids[${i}].responses.${id}`)));
  // The timetable in order: scoring closes, then the moderation meeting, then the award (a day may be shared).
  const timetable = pack.tender.timetable;
  let latest: (typeof PACK_TIMETABLE)[number] | undefined;
  for (const entry of PACK_TIMETABLE) {
    const day = timetable?.[entry[0]];
    if (day === undefined) continue;
    if (latest && day < timetable![latest[0]]!) {
      problems.push({ path: `tender.timetable.${entry[0]}`, message: `is ${day}, before ${latest[1]} (${timetable![latest[0]]!}); expected the same day or later` });
    } else latest = entry;
  }
  pack.panel.forEach((member, i) => {
    problems.push(...duplicates(member.criteria ?? [], (id) => id, (j) => `panel[${i}].criteria[${j}]`, 'the criterion'));
    problems.push(...duplicates(member.bids ?? [], (k) => k, (j) => `panel[${i}].bids[${j}]`, 'the bid'));
    member.criteria?.forEach((id, j) => {
      const path = `panel[${i}].criteria[${j}]`;
      const criterion = criteria.get(id);
      unknownCriterion(id, path);
      if (criterion?.scoredBy && !criterion.scoredBy.includes(member.perspective)) {
        problems.push({ path, message: `"${id}" is scored by ${criterion.scoredBy.join(' and ')} members only; this member is ${member.perspective}` });
      }
    });
    member.bids?.forEach((k, j) => unknownBid(k, `panel[${i}].bids[${j}]`));
  });
  pack.scores.forEach((score, i) => {
    const at = `scores[${i}]`;
    const member = members.get(score.member);
    if (!member) problems.push({ path: `${at}.member`, message: `"${score.member}" is not on the panel; expected a member key from panel` });
    unknownBid(score.bid, `${at}.bid`);
    unknownCriterion(score.criterion, `${at}.criterion`);
    if (score.score !== 'abstain') onScale(score.score, `${at}.score`);
    if (member && criteria.has(score.criterion) && !memberCriteria(member, rubric).includes(score.criterion)) {
      problems.push({ path: `${at}.criterion`, message: `member ${member.key} is not assigned "${score.criterion}"; expected one of their criteria` });
    }
    if (member && bids.has(score.bid) && !memberBids(member, pack).includes(score.bid)) {
      problems.push({ path: `${at}.bid`, message: `member ${member.key} is not assigned bid ${score.bid}; expected one of their bids` });
    }
  });
  pack.consensus.forEach((c, i) => {
    const at = `consensus[${i}]`;
    unknownBid(c.bid, `${at}.bid`);
    unknownCriterion(c.criterion, `${at}.criterion`);
    onScale(c.score, `${at}.score`);
    c.attendees.forEach((k, j) => {
      if (!members.has(k)) problems.push({ path: `${at}.attendees[${j}]`, message: `"${k}" is not on the panel; expected a member key from panel` });
    });
    const livedExperience = c.attendees.some((k) => members.get(k)?.perspective === 'lived-experience');
    if (criteria.get(c.criterion)?.coProduction && !livedExperience) {
      problems.push({ path: `${at}.attendees`, message: 'has no lived-experience member; a co-production criterion is moderated with at least one person with lived experience present' });
    }
  });
  return problems;
}
