// The score page served by the app with the view cache on (as in production, so partials keep
// their HTML from one request to the next: src/views/partial-memo.ts) is byte for byte the page
// the same view renders with every partial run each time, for real members and tenders: each
// layout, a saved draft, the page given again, a form with problems and a sent score.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Express } from 'express';
import { viewEngine } from '../../../src/views/engine';
import { cellUrl, formOn, panelAgent, scoringTender } from '../../helpers/scoring';
import { encode, testApp, type TestApp } from '../../helpers/web';

type Engine = (file: string, options: object, done: (error: Error | null, html?: string) => void) => void;
interface Rendered {
  file: string;
  options: object;
  html: string;
}

/** Every score page the app renders, with the options it was rendered with. */
function recordScorePages(app: Express): Rendered[] {
  const engines = (app as unknown as { engines: Record<string, Engine> }).engines;
  const engine = engines['.hbs']!;
  const pages: Rendered[] = [];
  engines['.hbs'] = (file, options, done) =>
    engine(file, options, (error, html) => {
      if (!error && file.endsWith(`${path.sep}score.hbs`)) pages.push({ file, options, html: html! });
      done(error, html);
    });
  return pages;
}

describe('web: the score page with kept partials', function () {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
    await scoringTender(t);
  });
  afterEach(async () => t.close());

  it('is the page every partial renders afresh, byte for byte', async () => {
    t.app.set('view cache', true);
    const pages = recordScorePages(t.app);
    const get = async (agent: Awaited<ReturnType<typeof panelAgent>>, url: string) => assert.equal((await agent.get(url)).status, 200, url);
    for (const key of ['m1', 'm2']) {
      // m1 reads easy read (their access needs), m2 the standard layout.
      const agent = await panelAgent(t, key);
      const declaration = await formOn(agent, '/panel/conflicts');
      assert.equal((await agent.post('/panel/conflicts').type('form').send(encode({ _csrf: declaration['_csrf']!, anyConflict: 'no' }))).status, 303);
      await get(agent, cellUrl('A', 'safety'));
      await get(agent, cellUrl('A', 'safety'));
      const form = await formOn(agent, cellUrl('A', 'co-production'));
      const draft = await agent.post(cellUrl('A', 'co-production')).type('form').send(encode({ ...form, choice: '3', reason: 'Good <b>and</b> "clear"', action: 'mine' }));
      assert.equal(draft.status, 303);
      await get(agent, `${cellUrl('A', 'co-production')}?saved=1`);
      await get(agent, cellUrl('A', 'co-production'));
      const problem = await agent.post(cellUrl('A', 'safety')).type('form').send(encode({ ...form, version: '0', reason: '', action: 'continue' }));
      assert.equal(problem.status, 400);
    }
    const plain = viewEngine({ memo: false });
    for (const [i, page] of pages.entries()) {
      const fresh = await new Promise<string>((resolve, reject) => plain.engine(page.file, page.options, (error, html) => (error ? reject(error) : resolve(html!))));
      assert.equal(page.html, fresh, `page ${i}`);
    }
    const seen = (pattern: RegExp) => pages.filter((p) => pattern.test(p.html)).length;
    assert.ok(pages.length >= 12, `${pages.length} pages`);
    assert.ok(seen(/What this is about/) >= 5, 'easy read (m1)');
    assert.ok(seen(/What good looks like/) >= 5, 'the standard layout (m2)');
    assert.ok(seen(/type="radio" value="3"\s*checked/) >= 2, 'the saved choice');
    assert.equal(seen(/govuk-error-summary/), 2, 'the form with problems');
    assert.equal(seen(/govuk-notification-banner--success/), 2, 'the saved notice');
  });
});
