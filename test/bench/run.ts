// `npm run bench [-- --json]`: runs every benchmark and prints the measured figures; with --json
// the last line is one JSON object (a contract in the README). Figures whose feature has not been built yet are
// left out rather than invented.
import { benchExport } from './export-bench';
import { benchPostgres } from './postgres-bench';
import { benchResults } from './results-bench';
import { benchScoring } from './scoring-bench';
import { round } from './timing';

const TARGETS: Record<string, string> = {
  scoringPageVsFloor: '≥ 0.4 (issue 16 set 0.5; README, "Performance", says why 0.4)',
  scoringPageP99Ms: '(report: issue 16 set ≤ 50; judged by scoringPageP99VsFloor, README)',
  mixedPageP99Ms: '(report: issue 16 set ≤ 75; judged by mixedPageP99VsFloor, README)',
  scoreSaveVsFloor: '≥ 0.35 (synchronous=FULL)',
  middlewareFloorVsHello: '(report: helmet, express-session, csrf-sync and a fixed page)',
  scoringPageVsHello: '(context: over the bare Express route)',
  scoreSaveVsHello: '(context: over the bare Express route)',
  helloRps: '(context: the bare Express route)',
  scoringPageRps: '(context: the score page)',
  scoreSaveRps: '(context: score saves)',
  scoreSaveNon2xx: '(context: failed saves; over 1% stops the run)',
  middlewareFloorRps: '(context: the same, requests per second)',
  middlewareFloorP99Ms: "(context: the floor's own p99 at 32 connections, in the same run)",
  scoringPageP99VsFloor: "≤ 2 (the page's p99 over the floor's, in the same run)",
  mixedPageP99VsFloor: "≤ 3 (the mix's p99 over the floor's, in the same run)",
  mixedRps: '(context: the mix, a quarter saves, requests per second)',
  results50kMs: '≤ 250',
  resultsVsPlainSum: '(ratio, lower is better)',
  resultsGrowth10x: '≈ 10 for linear cost',
  export50kMs: '(the export of 50,000 scores)',
  exportVsBareExceljs: '≤ 1.5',
  exportVsBareExport: '(context: the bare writer also reading the rows)',
  exportPeakRssMb: '≤ 300',
  exportRssAtStartMb: '(context: the same process before the export)',
  exportGrowth10x: '≤ 11',
  pgSaveVsSqliteSave: '(report: saves/s on PostgreSQL over SQLite, both durable)',
  twoInstancesVsOne: '(report: saves/s of two instances on one PostgreSQL over one)',
  pgSaveRps: '(context: saves/s, one instance on PostgreSQL)',
  pgTwoInstancesSaveRps: '(context: saves/s, two instances on PostgreSQL)',
  sqliteSaveRps: '(context: saves/s, one instance on SQLite, in the same run)',
};

const json = process.argv.includes('--json');
const measured = { ...(await benchScoring()), ...(await benchResults()), ...(await benchExport()), ...(await benchPostgres()) };
const figures = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, round(v)]));
for (const [name, value] of Object.entries(figures)) {
  console.log(`${name.padEnd(22)} ${String(value).padStart(10)}   target ${TARGETS[name] ?? ''}`);
}
if (json) console.log(JSON.stringify(figures));
