// A redirect is sent only once the session it changed is stored. A browser follows a redirect on
// its headers; had they come before the session was in the database, the next page would find no
// session (or the old one): a member who had just opened their link would be asked for it again.
//
// The server runs in a process of its own (src/server.ts, production settings) on the tier's
// database, while this test holds back writes to the sessions table from another connection. A
// redirect that changed the session must not arrive while the write is held back; once it is let
// through, the redirect arrives and the next page sees the change. A redirect that changed nothing
// arrives while writes are still held back (it writes nothing). The waits are how long writes are
// held back, not a measure of speed.
//
// The race shows on PostgreSQL, where the store's write waits on the network: on SQLite the write
// runs on the event loop before Node sends the headers, so there the first test passes with or
// without the wait. The test runs on both, as the whole tier does.
import { strict as assert } from 'node:assert';
import { connectDatabase, type Db } from '../../src/data/database';
import { cellPath, PROXY_HEADERS, signIn } from '../bench/scoring-client';
import { scoringTenderOf, startInstance, type Instance } from '../helpers/app-instance';
import { holdSessionWrites } from '../helpers/database-peek';
import { useTempDatabase } from '../helpers/temp-db';

const REFERENCE = 'REDIRECT-2026-01';
/** Half a second: long enough for an answer that does not wait on the sessions table to come. */
const HELD_MS = 500;
/** Under SQLite's 5-second busy timeout, so a server that did wait is not refused. */
const HELD_AT_MOST_MS = 4_000;

/**
 * Asks while writes to the sessions table are held back, for HELD_MS or (`untilAnswered`) until
 * the answer comes, at most HELD_AT_MOST_MS; says whether the answer came while they were.
 */
async function whileHeld(db: Db, ask: () => Promise<Response>, untilAnswered = false): Promise<{ whileHeldBack: boolean; answer: Response }> {
  const letThrough = await holdSessionWrites(db);
  let answered = false;
  const answer = ask().then((a) => {
    answered = true;
    return a;
  });
  try {
    const wait = new Promise((resolve) => setTimeout(resolve, untilAnswered ? HELD_AT_MOST_MS : HELD_MS));
    await (untilAnswered ? Promise.race([wait, answer]) : wait);
  } finally {
    await letThrough();
  }
  const whileHeldBack = answered;
  return { whileHeldBack, answer: await answer };
}

describe('a redirect waits for the session it changed to be stored', function () {
  this.timeout(60_000);
  const temp = useTempDatabase('all');
  let instance: Instance;
  let db: Db;
  let tender: Awaited<ReturnType<typeof scoringTenderOf>>;

  before(async () => {
    tender = await scoringTenderOf(temp.url, REFERENCE, 2);
    instance = await startInstance(temp.url);
    db = connectDatabase(temp.url);
  });
  after(async () => {
    await db?.destroy();
    instance?.child.kill();
    await instance?.exited;
  });

  it('switching to easy read: the redirect comes after the choice is stored, and the next page is in easy read', async () => {
    const member = await signIn(instance.base, tender.invites[0]!);
    const { bid, criterion } = tender.cells[0]!;
    const body = new URLSearchParams({ _csrf: member.csrfToken, layout: 'easy-read', returnTo: cellPath(bid, criterion) }).toString();
    const { whileHeldBack, answer } = await whileHeld(db, () =>
      fetch(`${instance.base}/panel/layout`, {
        method: 'POST',
        redirect: 'manual',
        body,
        headers: { ...PROXY_HEADERS, cookie: member.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    assert.equal(whileHeldBack, false, 'the redirect came while the session could not yet be stored');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), cellPath(bid, criterion));
    const page = await (await fetch(`${instance.base}${cellPath(bid, criterion)}`, { headers: { ...PROXY_HEADERS, cookie: member.cookie } })).text();
    assert.match(page, /<main[^>]*app-large-text/, 'the score page is in easy read');
  });

  it('a redirect that changed nothing writes nothing: it comes while session writes are held back', async () => {
    const member = await signIn(instance.base, tender.invites[0]!);
    // Choosing the layout the session already has changes nothing.
    await fetch(`${instance.base}/panel/layout`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ _csrf: member.csrfToken, layout: 'standard', returnTo: '/panel/tasks' }).toString(),
      headers: { ...PROXY_HEADERS, cookie: member.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    const { whileHeldBack, answer } = await whileHeld(db, () =>
      fetch(`${instance.base}/panel/layout`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ _csrf: member.csrfToken, layout: 'standard', returnTo: '/panel/tasks' }).toString(),
        headers: { ...PROXY_HEADERS, cookie: member.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      }),
      true,
    );
    assert.equal(whileHeldBack, true, 'an unchanged session was written again before the redirect');
    assert.equal(answer.status, 303);
  });
});
