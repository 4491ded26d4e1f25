// The parts of an assessment summary that Procurement Regulations 2024 reg. 31 asks for beyond the
// scores: the supplier (name, postal address, email, unique identifier), the award criteria and
// the assessment methodology in full (each criterion's title and relative importance, how it was
// scored and what scores were available, how price was scored), and the summary's dates.
import type { Aggregation, PreparedRubric } from '../../engine/index';
import { formatPlain, priceMethodName, sum } from '../../engine/index';
import { SCHEME_NAMES, type BidDetails } from '../../engine/bid-details';
import type { SummaryDates } from '../../data/summary-dates-repository';
import { METHOD_WORDS, money } from '../rubric-view';
import { dayText, ukDateText } from '../uk-dates';

export const NOT_RECORDED = 'Not recorded';

export interface SupplierView {
  rows: { key: string; value: string; missing: boolean }[];
  /** What reg. 31 asks for that is not recorded, in words ("postal address", "email"). */
  missing: string[];
}

/** The supplier as reg. 31 names it: name, contact postal address and email, unique identifier. */
export function supplierView(organisation: string, details: BidDetails | undefined): SupplierView {
  const d = details ?? {};
  const addressParts = [d.address?.streetAddress, d.address?.locality, d.address?.postalCode, d.address?.countryName];
  const address = addressParts.filter((p) => p !== undefined).join(', ');
  const addressComplete = addressParts.every((p) => p !== undefined);
  const rows = [
    { key: 'Name', value: d.legalName ?? organisation, missing: false, needs: null },
    { key: 'Postal address', value: address === '' ? NOT_RECORDED : addressComplete ? address : `${address} (incomplete)`, missing: !addressComplete, needs: 'postal address' },
    { key: 'Email', value: d.email ?? NOT_RECORDED, missing: d.email === undefined, needs: 'email' },
    { key: 'Unique identifier', value: d.identifier ? `${SCHEME_NAMES[d.identifier.scheme]}: ${d.identifier.id}` : NOT_RECORDED, missing: d.identifier === undefined, needs: 'unique identifier' },
  ];
  return { rows: rows.map(({ key, value, missing }) => ({ key, value, missing })), missing: rows.filter((r) => r.missing && r.needs).map((r) => r.needs!) };
}

const AGGREGATION_WORDS: Record<Aggregation, string> = {
  mean: "Each panel member read the answers given to them and scored each on their own, with a written reason. A criterion's score is the average of the members' scores.",
  median: "Each panel member read the answers given to them and scored each on their own, with a written reason. A criterion's score is the middle of the members' scores (the average of the middle two when there is an even number).",
  'equal-voice':
    "Each panel member read the answers given to them and scored each on their own, with a written reason. A criterion's score is worked out so that panel members with lived experience of care and professionals count equally: the average of each group's average.",
};

const MODERATION_WORDS =
  "The panel (professionals and people with lived experience of care services, as equals) then met to moderate. Where members' scores for an answer were far apart (by 30% of the scale or more), or the two groups' averages differed by 1 point or more, the panel discussed the answer and agreed one score with its reasons, which replaced the members' scores. A member who declared a conflict of interest with a bid did not score it. Members who did not understand an answer could say so instead of scoring it.";

/** The price method in words, with the figures it uses. */
function priceWords(rubric: PreparedRubric): string {
  const { method, params = {} } = rubric.rubric.price;
  const number = (name: string): string | null => (typeof params[name] === 'number' ? String(params[name]) : null);
  const extra: string[] = [];
  if (method === 'ideal-price' && number('ideal') && number('ceiling')) extra.push(`The ideal price was ${money(number('ideal'))} and the ceiling price ${money(number('ceiling'))}.`);
  if (method === 'log' && number('A')) extra.push(`A bid ${number('A')} times the lowest price or more got no price points.`);
  if (method === 'fixed-budget' && number('budget')) extra.push(`The budget was ${money(number('budget'))}.`);
  if (method === 'custom' && typeof params['formula'] === 'string') extra.push(`The formula: ${params['formula']}.`);
  const scope = method === 'fixed-budget' ? '' : ' Price points were worked out among the bids that met the minimum standards and were fully scored.';
  return [`${priceMethodName(method)}. ${METHOD_WORDS[method]}`, ...extra].join(' ') + scope;
}

/** The award criteria and the assessment methodology, set out in full. */
export function methodologyView(rubric: PreparedRubric, aggregation: Aggregation) {
  const scale = rubric.rubric.scale;
  return {
    criteria: rubric.rubric.sections.map((s) => {
      const criteria = rubric.criteria.filter((c) => c.section === s.id);
      return {
        id: s.id,
        title: s.title,
        weight: formatPlain(sum(criteria.map((c) => c.weightExact))),
        subCriteria: criteria.map((c) => ({ id: c.id, title: c.title, weight: formatPlain(c.weightExact), threshold: c.threshold ?? null })),
      };
    }),
    qualityWeight: formatPlain(rubric.qualityWeight),
    priceWeight: formatPlain(rubric.priceWeight),
    scaleWords: `Each answer was scored from ${scale.min} to ${scale.max}, using the scores below. A criterion's points are its weight times the score's share of the scale: a score of ${scale.max} gets all of its weight, ${scale.min} none. A section's points (a sub-total) are the sum of its criteria's points; quality is the sum of every section's points; the total adds the price points.`,
    aggregationWords: AGGREGATION_WORDS[aggregation],
    moderationWords: MODERATION_WORDS,
    priceWords: priceWords(rubric),
    rankWords: 'Bids that met the minimum standards and were fully scored were ranked by their total, highest first; an equal total goes to the higher quality points. The bid ranked first is the most advantageous tender.',
  };
}

export interface SummaryDatesView {
  /** "4 December 2026", or null before the summaries are issued. */
  issued: string | null;
  /** "7 December 2026", or null until the commissioner records it. */
  sent: string | null;
  sentOn: string | null;
}

export function datesView(dates: SummaryDates | undefined): SummaryDatesView {
  return {
    issued: dates ? ukDateText(new Date(dates.issuedAt)) : null,
    sent: dates?.sentOn ? dayText(dates.sentOn) : null,
    sentOn: dates?.sentOn ?? null,
  };
}
