// `summaries <reference> --out <dir>`: one self-contained HTML file per bid that was not
// withdrawn, rendered from the web page's template, so each file holds exactly what the web page's
// summary holds; a clear exit 1 for an unknown tender or a folder that cannot be written.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import JSZip from 'jszip';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/data/database';
import { rubricLibrary } from '../../src/services/rubric-library';
import { addUser, cli, importPack, PASSWORD } from '../helpers/cli';
import { HAND_WORKED_PACK, REPO_ROOT, RUBRICS_DIR } from '../helpers/paths';
import { useTempDatabase } from '../helpers/temp-db';
import { csrfToken, testAssets, totpCode, TOTP_SECRET } from '../helpers/web';

const DEMO_PACK = path.join(REPO_ROOT, 'fixtures', 'demo', 'home-care-demo.yaml');
const DEMO = 'DEMO-HC-2026';

describe('cli: summaries', () => {
  const temp = useTempDatabase();

  it('writes one self-contained file per bid of the demo tender, with the same summary as the web page', async () => {
    await importPack(DEMO_PACK);
    await addUser('reader@council.example', 'procurement');
    const out = path.join(temp.dir, 'summaries');
    const run = await cli(['summaries', DEMO, '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const names = ['A', 'B', 'C', 'D', 'E'].map((k) => `${DEMO}-${k}.html`);
    assert.deepEqual(readdirSync(out).sort(), names);
    assert.deepEqual(run.out, names.map((n) => path.join(out, n)));

    const db = await openDatabase(temp.url);
    try {
      const app = createApp({ db, config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: temp.url, RUBRICS_DIR }), rubrics: rubricLibrary(RUBRICS_DIR), assets: testAssets(), logger: pino({ level: 'silent' }), now: () => new Date() });
      // Staff sign in with a password and a code from their authenticator app: the account made
      // on the command line is given a known app secret, as if set up at its first sign-in.
      const now = new Date();
      await db.updateTable('users').set({ totp_secret: TOTP_SECRET, totp_confirmed_at: now.toISOString() }).where('email', '=', 'reader@council.example').execute();
      const agent = request.agent(app);
      const token = await csrfToken(agent, '/sign-in');
      assert.equal((await agent.post('/sign-in').type('form').send({ _csrf: token, email: 'reader@council.example', password: PASSWORD })).header['location'], '/sign-in/code');
      const code = await agent.post('/sign-in/code').type('form').send({ _csrf: await csrfToken(agent, '/sign-in/code'), code: totpCode(TOTP_SECRET, now) });
      assert.equal(code.status, 303);
      for (const key of ['A', 'B', 'C', 'D', 'E']) {
        const html = readFileSync(path.join(out, `${DEMO}-${key}.html`), 'utf8');
        // Self-contained: inline CSS, nothing fetched, nothing run, no navigation.
        assert.match(html, /<style>[\s\S]*size: A4[\s\S]*<\/style>/);
        assert.doesNotMatch(html, /<link|<script|<img|\ssrc=|\shref=|url\(/i);
        assert.doesNotMatch(html.replace(/<style>[\s\S]*<\/style>/, ''), /app-tender-nav|Sign out/);
        const file = load(html);
        const web = load((await agent.get(`/tenders/${DEMO}/summaries/${key}`)).text);
        assert.equal(`${file('title').text()} – Evaluate a care tender`, web('title').text());
        assert.equal(file('article.app-summary').html(), web('article.app-summary').html(), `bid ${key}`);
      }
      assert.match(load(readFileSync(path.join(out, `${DEMO}-D.html`), 'utf8'))('article').text(), /below its minimum of 2/);
    } finally {
      await db.destroy();
    }
  });

  it('leaves out withdrawn bids', async () => {
    const reference = await importPack(HAND_WORKED_PACK);
    const run = await cli(['summaries', reference, '--out', temp.dir]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(temp.dir).filter((f) => f.endsWith('.html')).sort(), ['A', 'B', 'C', 'D'].map((k) => `${reference}-${k}.html`));
  });

  it('writes every summary and an index into one zip (--zip), the same files --out writes', async () => {
    const reference = await importPack(HAND_WORKED_PACK);
    const file = path.join(temp.dir, 'all.zip');
    const out = path.join(temp.dir, 'files');
    const run = await cli(['summaries', reference, '--zip', file, '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const names = ['A', 'B', 'C', 'D'].map((k) => `${reference}-${k}.html`);
    assert.equal(run.out.at(-1), `${file} (5 files: index.html, ${names.join(', ')})`);
    assert.equal(existsSync(`${file}.partial`), false);
    const zip = await JSZip.loadAsync(readFileSync(file));
    assert.deepEqual(Object.keys(zip.files), ['index.html', ...names]);
    for (const name of names) assert.equal(await zip.file(name)!.async('string'), readFileSync(path.join(out, name), 'utf8'), name);
    const index = load(await zip.file('index.html')!.async('string'));
    assert.deepEqual(index('tbody tr').map((_, tr) => index(tr).attr('data-bid')).get(), ['A', 'B', 'C', 'D']);
    assert.match(index('main').text(), /Draft — not yet issued[\s\S]*Do not send them/);
    assert.deepEqual(index('tbody a').map((_, a) => index(a).attr('href')).get(), names);
    // Nothing in the hand-worked tender's words needs checking.
    assert.doesNotMatch(run.stderr, /Check before sending/);
  });

  it('names on standard error what a summary must not say, so it is checked before sending', async () => {
    const out = path.join(temp.dir, 'demo.zip');
    await importPack(DEMO_PACK);
    const run = await cli(['summaries', DEMO, '--zip', out]);
    assert.equal(run.code, 0, run.stderr);
    // The demo's reasons cite the bids' own figures (a £38,000 involvement budget): listed, not refused.
    assert.ok(run.err.includes('Check before sending: the summary for bid A, in the explanation of "Designing, delivering and reviewing the service together", gives "£38,000", an amount of money.'), run.stderr);
  });

  it('exits 1 with a clear message when the zip cannot be written, leaving no file', async () => {
    const reference = await importPack(HAND_WORKED_PACK);
    const file = path.join(temp.dir, 'no-such-folder', 'all.zip');
    const run = await cli(['summaries', reference, '--zip', file]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Cannot write the summaries to .*no-such-folder\/all\.zip: the folder does not exist\.\nNo summaries were written\./);
    assert.equal(existsSync(path.dirname(file)), false);
  });

  it('exits 1 with a clear message for an unknown tender, and writes nothing', async () => {
    const out = path.join(temp.dir, 'none');
    const run = await cli(['summaries', 'NO-SUCH-1', '--out', out]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /There is no tender with the reference "NO-SUCH-1"\.\nNo summaries were written\./);
    assert.equal(existsSync(out), false);
  });

  it('exits 1 with a clear message when the folder cannot be written', async () => {
    await importPack(DEMO_PACK);
    const file = path.join(temp.dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const run = await cli(['summaries', DEMO, '--out', path.join(file, 'summaries')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Cannot write the summaries to .*a-file\/summaries: part of the path is a file, not a folder\.\nNo summaries were written\./);
  });

  it('needs a reference and --out', async () => {
    const noOut = await cli(['summaries', DEMO]);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /summaries needs --out <dir>, the folder to write the files to, or --zip FILE/);
    assert.match(noOut.stderr, /summaries <reference> --out <dir>/);
    assert.equal((await cli(['summaries', '--out', temp.dir])).code, 2);
  });
});
