// The demo tender (fixtures/demo: scoring, bid E with no final score for social value) in a test
// app's database, owned by ACCOUNTS.owner: for the readiness tests and pages; and the review of a
// bid's assessment summary posted as its page shows it.
import path from 'node:path';
import { load } from 'cheerio';
import type request from 'supertest';
import { loadDataFile } from '../../src/services/data-files';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { REPO_ROOT, RUBRICS_DIR } from './paths';
import { ACCOUNTS, type TestApp } from './web';

export const DEMO = 'DEMO-HC-2026';

export async function addDemoTender(t: TestApp): Promise<void> {
  const file = path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml');
  const loaded = await loadDataFile(file);
  if (!loaded.ok) throw new Error('demo pack unreadable');
  const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), loaded.data, { file, owner: ACCOUNTS.owner.email, actor: 'test', now: t.clock.now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
}

/**
 * "I have reviewed this summary" as the page at `url` (a bid's summary) shows it: its CSRF token
 * and the fingerprint of the summary it was built with. Post it with `postReview`.
 */
export async function reviewFormOn(agent: request.Agent, url: string): Promise<Record<string, string>> {
  const $ = load((await agent.get(url)).text);
  const form = $('form[action$="/review"]');
  if (form.length !== 1) throw new Error(`no review form on ${url}`);
  return { _csrf: String(form.find('input[name=_csrf]').val()), content: String(form.find('input[name=content]').val()) };
}

/** Reviews the summary at `url` as its page shows it now (or as an earlier page showed it, given its form). */
export async function postReview(agent: request.Agent, url: string, form?: Record<string, string>): Promise<request.Response> {
  return agent.post(`${url}/review`).type('form').send(form ?? (await reviewFormOn(agent, url)));
}
