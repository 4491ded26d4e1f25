// `npm run bench [-- --json]`: runs every benchmark and prints the measured figures; with --json
// the last line is one JSON object (DESIGN §4). Figures whose feature has not been built yet are
// left out rather than invented.
import { benchResults } from './results-bench';
import { round } from './timing';

const TARGETS: Record<string, string> = {
  results50kMs: '≤ 250',
  resultsVsPlainSum: '(ratio, lower is better)',
  resultsGrowth10x: '≈ 10 for linear cost',
};

const json = process.argv.includes('--json');
const figures = Object.fromEntries(Object.entries(await benchResults()).map(([k, v]) => [k, round(v)]));
for (const [name, value] of Object.entries(figures)) {
  console.log(`${name.padEnd(20)} ${String(value).padStart(10)}   target ${TARGETS[name] ?? ''}`);
}
if (json) console.log(JSON.stringify(figures));
