// Words the sheets share: how a bid is named in each copy, members' and criteria's names.
import { PERSPECTIVE_LABELS, type Perspective } from '../../engine';
import type { ExportSnapshot } from './export-snapshot';

/** The panel copy of an anonymised tender shows a code ("Bid A"), never the organisation's name. */
export const showsNames = (s: ExportSnapshot): boolean => !(s.copy === 'panel' && s.tender.anonymise === 1);

export function bidNamer(s: ExportSnapshot): (key: string) => string {
  const suppliers = new Map(s.bids.map((b) => [b.key, b.supplier]));
  return showsNames(s) ? (key) => suppliers.get(key) ?? key : (key) => `Bid ${key}`;
}

export const perspectiveLabel = (p: string): string => PERSPECTIVE_LABELS[p as Perspective] ?? p;

export const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export const BASIS_WORDS: Record<string, string> = {
  consensus: 'consensus (moderation)',
  mean: 'mean of the scores',
  median: 'median of the scores',
  'equal-voice': 'equal voice (mean of each perspective’s mean)',
};

export const COPY_WORDS: Record<ExportSnapshot['copy'], string> = {
  procurement: 'Procurement copy: names the organisations and shows prices',
  panel: 'Panel copy: no prices; organisations shown by code when the tender is anonymised',
};
