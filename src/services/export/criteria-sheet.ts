// Criteria: the tender's rubric snapshot as published — sections, criteria, weights (with price,
// adding up to 100), minimum scores, the scale with what every point means, and the policy.
import type ExcelJS from 'exceljs';
import { cellNumber } from './cell-safety';
import type { ExportSnapshot } from './export-snapshot';
import { cellRef, formula } from './formulas';
import { BASIS_WORDS, perspectiveLabel, yesNo } from './labels';
import { SheetWriter, type Column } from './sheet-kit';

const COLUMNS: Column[] = [
  { header: 'Section', width: 16, kind: 'text' },
  { header: 'Section title', width: 22, kind: 'wrap' },
  { header: 'Criterion', width: 18, kind: 'text' },
  { header: 'Title', width: 32, kind: 'wrap' },
  { header: 'Weight', width: 9, kind: 'number' },
  { header: 'Minimum final score', width: 11, kind: 'number' },
  { header: 'Co-production', width: 11, kind: 'text' },
  { header: 'Social value', width: 10, kind: 'text' },
  { header: 'Scored by', width: 20, kind: 'wrap' },
  { header: 'Outcome', width: 36, kind: 'wrap' },
  { header: 'Question', width: 40, kind: 'wrap' },
  { header: 'What good looks like', width: 40, kind: 'wrap' },
  { header: 'In plain words', width: 40, kind: 'wrap' },
];
const WEIGHT = 5;
export const SCALE_LOWEST = 'ScaleLowest';
export const SCALE_HIGHEST = 'ScaleHighest';

export function writeCriteria(workbook: ExcelJS.stream.xlsx.WorkbookWriter, s: ExportSnapshot): void {
  const sheet = new SheetWriter(workbook, 'Criteria', COLUMNS);
  const { rubric } = s.rubric;
  const first = sheet.nextRow;
  for (const section of rubric.sections) {
    for (const c of section.criteria) {
      sheet.add([
        section.id,
        section.title,
        c.id,
        c.title,
        c.weight,
        c.threshold ?? null,
        yesNo(c.coProduction === true),
        yesNo(c.socialValue === true),
        (c.scoredBy ?? ['professional', 'lived-experience']).map(perspectiveLabel).join(', '),
        c.outcome,
        c.question,
        c.guidance,
        c.plain,
      ]);
    }
  }
  const priceRow = sheet.add(['price', 'Price', 'price', `Price (${rubric.price.method})`, rubric.price.weight]);
  const total = cellNumber(s.rubric.qualityWeight.add(s.rubric.priceWeight));
  sheet.add(['', 'All weights', '', 'Total (always 100)', formula(`SUM(${cellRef(WEIGHT, first)}:${cellRef(WEIGHT, priceRow)})`, total)]);

  sheet.heading(['Score', 'Label', 'Meaning', 'In plain words']);
  for (const point of rubric.scale.points) sheet.addOther([point.score, point.label, point.meaning, point.plain], ['integer', 'wrap', 'wrap', 'wrap']);

  sheet.heading(['Setting', 'Value']);
  // The scale's ends are named (ScaleLowest, ScaleHighest) for the points formulas on Final scores.
  const { min, max } = rubric.scale;
  workbook.definedNames.add(`Criteria!$B$${sheet.addOther(['Lowest score on the scale (a)', min], ['wrap', 'integer'])}`, SCALE_LOWEST);
  workbook.definedNames.add(`Criteria!$B$${sheet.addOther(['Highest score on the scale (b)', max], ['wrap', 'integer'])}`, SCALE_HIGHEST);
  const settings: [string, string | number][] = [
    ['How final scores are reached without a consensus', BASIS_WORDS[s.aggregation] ?? s.aggregation],
    ['Quality pass mark (% of the quality weight)', rubric.policy.qualityPassMark ?? 'none'],
    ['Minimum co-production weight', rubric.policy.minimumCoProductionWeight],
    ['Rubric', `${rubric.id}: ${rubric.title}`],
  ];
  for (const [label, value] of settings) sheet.addOther([label, value], ['wrap', typeof value === 'number' ? 'number' : 'wrap']);
  sheet.finish();
}
