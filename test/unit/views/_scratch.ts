import { renderPartial, viewEngine } from '../../../src/views/engine';
import { fixturesOf, normaliseHtml } from './govuk-fixtures';

const components = process.argv.slice(2);
const engine = viewEngine();
const verbose = process.env.V === '1';
for (const c of components) {
  const pass: string[] = [];
  const fail: string[] = [];
  for (const f of fixturesOf(c)) {
    let got: string;
    try {
      got = await renderPartial(engine, `govuk/${c}`, f.options);
    } catch (e) {
      fail.push(`${f.name} (THROWS ${(e as Error).message})`);
      continue;
    }
    const a = normaliseHtml(got);
    const b = normaliseHtml(f.html);
    if (a === b) pass.push(f.name);
    else {
      fail.push(f.name);
      if (verbose) {
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        console.log(`--- ${c} / ${f.name}\n got: ${a.slice(Math.max(0, i - 150), i + 250)}\nwant: ${b.slice(Math.max(0, i - 150), i + 250)}`);
      }
    }
  }
  console.log(`${c}: ${pass.length}/${pass.length + fail.length} pass`);
  if (fail.length) console.log(`  FAIL: ${fail.join(' | ')}`);
}
