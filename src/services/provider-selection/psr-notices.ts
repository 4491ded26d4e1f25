// What a tender bought under the Provider Selection Regime is told about notices and standstill in
// place of the Procurement Act's: health care services bought under the regime are outside the
// Procurement Act 2023, so the toolkit makes no Procurement Act contract award notice for them. The
// regime's notices (the notice of intention to award and the notice confirming the award) are
// published on the Central Digital Platform; the results page shows the regime's standstill.
import type { Db } from '../../data/database';
import { providerSelectionRepository } from '../../data/provider-selection-repository';
import { dayText } from '../uk-dates';
import { PROCESS_WORDS, PSR_PROCESSES, type PsrProcess } from './provider-selection';
import { hasPsrStandstill, psrStandstill } from './psr-standstill';

/** The process a tender is marked as bought under; null: not under the regime (or not marked). */
export async function regimeProcess(db: Db, tenderId: number): Promise<PsrProcess | null> {
  const row = await providerSelectionRepository.find(db, tenderId);
  return row && (PSR_PROCESSES as readonly string[]).includes(row.process) ? (row.process as PsrProcess) : null;
}

/** "the Competitive Process", "Direct Award Process A": the process's name as it reads in a sentence. */
export const processName = (process: PsrProcess): string => (process.startsWith('direct-award') ? PROCESS_WORDS[process].title : `the ${PROCESS_WORDS[process].title}`);

/** The notices the regime asks for after the decision, by process, in words. */
function regimeNotices(process: PsrProcess): string {
  return hasPsrStandstill(process)
    ? 'the notice of intention to award and, after the standstill, the notice confirming the award'
    : 'the notice confirming the award';
}

/** Why there is no Procurement Act award notice for a tender bought under the regime, in one sentence. */
export function awardNoticeRefusal(reference: string, process: PsrProcess): string {
  return (
    `Tender ${reference} is bought under the Provider Selection Regime (${processName(process)}), which is outside the Procurement Act 2023, ` +
    `so the toolkit makes no Procurement Act contract award notice for it: publish the regime’s notices (${regimeNotices(process)}) on the Central Digital Platform`
  );
}

/** The regime's standstill as the results page shows it, for a notice of intention published on `today`. */
export type PsrStandstillView =
  | { process: string; required: false }
  | { process: string; required: true; days: number; publishedText: string; beginsText: string; endsText: string; contractFromText: string };

export function psrStandstillView(process: PsrProcess, today: string): PsrStandstillView {
  const name = processName(process);
  if (!hasPsrStandstill(process)) return { process: name, required: false };
  const period = psrStandstill(today);
  return {
    process: name,
    required: true,
    days: period.days,
    publishedText: dayText(period.published),
    beginsText: dayText(period.begins),
    endsText: dayText(period.ends),
    contractFromText: dayText(period.contractFrom),
  };
}
