// Words kept for a signed-out member are kept in a new session, so keeping them must not let an
// anonymous client fill the disk with sessions: nothing is stored for a post with no session
// cookie at all, at most 5,000 characters are kept, and one address makes at most
// KEEPS_PER_WINDOW new sessions for kept words in a window. Counted in the sessions table of the
// real database.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { KEEPS_PER_WINDOW, KEPT_MAX } from '../../../src/features/scoring/kept-score';
import { cellUrl, formOn, panelAgent, SC, scoringTender } from '../../helpers/scoring';
import { encode, testApp, type TestApp } from '../../helpers/web';
import { allRoutes } from './routes';

const CELL = cellUrl('A', 'safety');
const form = (reason: string, action = 'continue') => encode({ _csrf: 'gone', memberId: '2', version: '0', choice: '3', reason, action });
/** A signed-out member's browser still sends its old session cookie; this one the store never had. */
const expiredCookie = (n: number) => `session=s%3Aexpired-session-${n}.not-a-signature`;

describe('web: words kept for a signed-out member cannot fill the disk', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await scoringTender(t);
  });
  after(() => t.close());

  const sessions = async () => {
    const row = await t.db
      .selectFrom('sessions')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.fn('length', ['data'])).as('bytes')])
      .executeTakeFirstOrThrow();
    return { rows: Number(row.n), bytes: Number(row.bytes ?? 0) };
  };
  const post = (body: string, cookie?: string) => {
    const req = request(t.app).post(CELL).set('Sec-Fetch-Site', 'same-origin').type('form');
    return (cookie ? req.set('Cookie', cookie) : req).send(body);
  };

  it('500 anonymous score posts (no cookie) add no session rows, and each shows the words back', async () => {
    const before = await sessions();
    const started = process.hrtime.bigint();
    for (let i = 0; i < 500; i++) {
      const res = await post(form(`Words ${i} `.padEnd(4_000, 'x'), i % 2 === 0 ? 'continue' : 'autosave'));
      assert.equal(res.status, 401);
      if (i % 2 === 0) assert.equal(load(res.text)('#kept-reason').text(), `Words ${i} `.padEnd(4_000, 'x'));
      else assert.deepEqual(res.body, { saved: false, problem: 'signed-out' });
      assert.equal(res.headers['set-cookie'], undefined, 'no session cookie given');
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`      (500 anonymous score posts: ${Math.round(ms)} ms, sessions ${before.rows} → ${(await sessions()).rows})`);
    assert.deepEqual(await sessions(), before);
    // Nothing said that the words were kept for signing in again.
    const page = await post(form('Some words'));
    assert.match(page.text, /Copy what you typed from below/);
    assert.doesNotMatch(page.text, /The same score will open with your words filled in/);
  });

  it('stores no session for any other anonymous request either: every POST route, links, pages; the sign-in page only its token', async () => {
    const before = await sessions();
    const posts = allRoutes(t.app).filter((r) => r.startsWith('POST ')).map((r) => r.slice(5).replace(':reference', 'HW-2026-01').replace(/:[a-zA-Z]+/g, 'x'));
    for (const path of posts) {
      await request(t.app).post(path).set('Sec-Fetch-Site', 'same-origin').type('form').send('_csrf=x&reason=words');
      await request(t.app).post(path).field('_csrf', 'x').attach('file', Buffer.from('organisation\r\nA'), 'bids.csv');
    }
    for (const path of ['/', '/panel', '/panel/tasks', '/invite/not-a-link', '/tenders', '/glossary', '/no-such-page']) await request(t.app).get(path);
    assert.deepEqual(await sessions(), before, `${posts.length} POST routes, twice each, and 7 pages`);

    const known = new Set((await t.db.selectFrom('sessions').select('sid').execute()).map((r) => r.sid));
    await request(t.app).get('/sign-in');
    const added = (await t.db.selectFrom('sessions').select(['sid', 'data']).execute()).filter((r) => !known.has(r.sid));
    assert.equal(added.length, 1);
    assert.deepEqual(Object.keys(JSON.parse(added[0]!.data) as object).sort(), ['cookie', 'csrfToken'], 'the sign-in page stores its form token only');
  });

  it('keeps words when an expired session cookie came with the post, at most 5,000 characters, then stops storing once rate-limited', async () => {
    // A member whose session ended: their words are kept in a new session.
    const agent = await panelAgent(t, 'm2', SC);
    const fields = await formOn(agent, '/panel');
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 60 * 1000);
    const long = 'A reason typed slowly. '.repeat(300);
    assert.ok(long.length > KEPT_MAX);
    const first = await agent.post(CELL).set('Sec-Fetch-Site', 'same-origin').type('form').send(encode({ _csrf: fields['_csrf']!, memberId: '2', version: '0', choice: '3', reason: long, action: 'later' }));
    assert.equal(first.status, 401);
    assert.match(first.text, /The same score will open with your words filled in/);
    assert.equal(load(first.text)('#kept-reason').text(), long, 'shown in full, to copy');
    const stored = await t.db.selectFrom('sessions').select('data').where('data', 'like', '%keptScore%').execute();
    assert.equal(stored.length, 1);
    const kept = (JSON.parse(stored[0]!.data) as { keptScore: { fields: { reason: string } } }).keptScore.fields.reason;
    assert.equal(kept, long.slice(0, KEPT_MAX), 'at most 5,000 characters kept');

    // Expired-looking cookies from one address: new sessions up to the limit (the member's above
    // counted), then none.
    const before = await sessions();
    const answers: boolean[] = [];
    for (let i = 0; i < KEEPS_PER_WINDOW + 10; i++) {
      const res = await post(form(`Kept ${i}`), expiredCookie(i));
      assert.equal(res.status, 401);
      answers.push(/The same score will open with your words filled in/.test(res.text));
    }
    assert.equal((await sessions()).rows, before.rows + KEEPS_PER_WINDOW - 1);
    assert.deepEqual(answers, [...Array<boolean>(KEEPS_PER_WINDOW - 1).fill(true), ...Array<boolean>(11).fill(false)], 'told the truth about keeping');
    const afterLimit = await sessions();
    assert.equal((await post(form('x'.repeat(4_000), 'autosave'), expiredCookie(999))).status, 401);
    assert.deepEqual(await sessions(), afterLimit, 'nothing stored once rate-limited');

    // The member's own browser, whose session already holds their words, still keeps the newest.
    const again = await agent.post(CELL).set('Sec-Fetch-Site', 'same-origin').type('form').send(encode({ _csrf: 'gone', memberId: '2', version: '0', choice: '2', reason: 'Shorter words', action: 'later' }));
    assert.match(again.text, /The same score will open with your words filled in/);
    assert.equal((await sessions()).rows, afterLimit.rows);
    const newest = await t.db.selectFrom('sessions').select('data').where('data', 'like', '%Shorter words%').execute();
    assert.equal(newest.length, 1);
  });
});
