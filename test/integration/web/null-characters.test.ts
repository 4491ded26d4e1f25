// A null character (code 0) in a form field or a data file is refused the same way on SQLite and
// PostgreSQL (which cannot store one): a 400 page naming the field, or a problem naming the line
// and column; nothing is written.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { parseDataText } from '../../../src/services/data-files';
import { ACCOUNTS, csrfToken, signedIn, testApp, type TestApp } from '../../helpers/web';

describe('null characters', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('refuses a form field holding one with a 400 page naming the field, and stores nothing', async () => {
    const agent = await signedIn(t.app, ACCOUNTS.owner.email);
    const before = await t.db.selectFrom('tenders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await agent
      .post('/tenders')
      .type('form')
      .send({ _csrf: await csrfToken(agent, '/tenders/new'), reference: 'HC-2027-01', title: 'Home care\u0000 in Northfield', rubric: 'home-care-outcomes', aggregation: 'mean', anonymise: 'yes', lightTouch: 'yes' });
    assert.equal(res.status, 400);
    const page = load(res.text);
    assert.match(page('h1').text(), /Something in the request was wrong/);
    assert.match(page('main').text(), /“title” has a hidden character in it \(a null character\)/);
    const after = await t.db.selectFrom('tenders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });

  it('refuses a pack or rubric file holding one, naming the line and column', () => {
    const loaded = parseDataText('pack.yaml', 'format: tender-pack/1\ntender:\n  title: "Home\u0000 care"\n');
    assert.deepEqual(loaded, {
      ok: false,
      problems: [{ file: 'pack.yaml', path: 'line 3, column 15', message: 'has a null character (code 0) at line 3, column 15; expected plain text: remove it and try again' }],
    });
  });
});
