// `user add --email E --name N --role R` with the password on standard input (a contract in the README), and
// `import --owner` giving a tender to that commissioner.
import assert from 'node:assert/strict';
import { cli, PASSWORD } from '../helpers/cli';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { rowCounts, withDatabase } from '../helpers/database-peek';
import { useTempDatabase } from '../helpers/temp-db';
import { verifyPassword } from '../../src/services/passwords';

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: string;
  password_hash: string;
}

const add = (email: string, role: string, password = `${PASSWORD}\n`, name = 'Ann Example') =>
  cli(['user', 'add', '--email', email, '--name', name, '--role', role], password);

describe('user add (CLI)', () => {
  const db = useTempDatabase('each');

  const users = (): Promise<UserRow[]> => withDatabase(db.url, (d) => d.selectFrom('users').select(['id', 'email', 'name', 'role', 'password_hash']).orderBy('id').execute());

  it('adds a commissioner with the password read from standard input, stored only as a scrypt hash', async () => {
    const run = await add('ann@council.gov.uk', 'commissioner');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /ann@council\.gov\.uk/);
    const [user, ...others] = await users();
    assert.equal(others.length, 0);
    assert.equal(user!.email, 'ann@council.gov.uk');
    assert.equal(user!.name, 'Ann Example');
    assert.equal(user!.role, 'commissioner');
    assert.ok(user!.password_hash.startsWith('scrypt$'), user!.password_hash);
    assert.ok(!user!.password_hash.includes(PASSWORD));
    // The trailing newline of standard input is not part of the password.
    assert.equal(await verifyPassword(PASSWORD, user!.password_hash), true);
    assert.equal(await verifyPassword(`${PASSWORD}\n`, user!.password_hash), false);
  });

  it('writes a user.added audit event with the email and role, and never the password', async () => {
    await add('ann@council.gov.uk', 'commissioner');
    const events = await withDatabase(db.url, (d) => d.selectFrom('audit_events').select(['action', 'tender_ref', 'detail']).execute());
    assert.equal(events.length, 1);
    assert.equal(events[0]!.action, 'user.added');
    assert.equal(events[0]!.tender_ref, null);
    assert.deepEqual(JSON.parse(events[0]!.detail), { email: 'ann@council.gov.uk', role: 'commissioner' });
    assert.ok(!events[0]!.detail.includes(PASSWORD));
  });

  it('adds procurement, facilitator and admin accounts too (the first admin is made here)', async () => {
    assert.equal((await add('pat@council.gov.uk', 'procurement')).code, 0);
    assert.equal((await add('fay@council.gov.uk', 'facilitator')).code, 0);
    assert.equal((await add('ada@council.gov.uk', 'admin')).code, 0);
    assert.deepEqual(
      (await users()).map((u) => [u.email, u.role]),
      [
        ['pat@council.gov.uk', 'procurement'],
        ['fay@council.gov.uk', 'facilitator'],
        ['ada@council.gov.uk', 'admin'],
      ],
    );
  });

  describe('refuses bad input with exit 1, a message naming the field, and nothing stored', () => {
    beforeEach(async () => {
      assert.equal((await add('ann@council.gov.uk', 'commissioner')).code, 0);
    });

    const refusals: { what: string; email: string; role: string; password?: string; name?: string; line: RegExp }[] = [
      { what: 'a password shorter than 12 characters', email: 'bob@council.gov.uk', role: 'commissioner', password: 'short\n', line: /^password: .*shorter than 12 characters/ },
      { what: 'an empty password', email: 'bob@council.gov.uk', role: 'commissioner', password: '', line: /^password: .*shorter than 12/ },
      { what: 'an email address that is not one', email: 'not-an-email', role: 'commissioner', line: /^--email: is not an email address/ },
      { what: 'an unknown role', email: 'bob@council.gov.uk', role: 'chef', line: /^--role: .*"chef".*"commissioner"/ },
      { what: 'the panel role, which is not a staff account', email: 'bob@council.gov.uk', role: 'panel', line: /^--role: / },
      { what: 'a blank name', email: 'bob@council.gov.uk', role: 'commissioner', name: '   ', line: /^--name: is blank/ },
      { what: 'an email that already has an account', email: 'ann@council.gov.uk', role: 'procurement', line: /^--email: ann@council\.gov\.uk already has an account/ },
      { what: 'an email that already has an account, in other capitals', email: 'Ann@Council.GOV.uk', role: 'commissioner', line: /^--email: .*already has an account/ },
    ];

    for (const r of refusals) {
      it(`refuses ${r.what}`, async () => {
        const before = await rowCounts(db.url);
        const run = await add(r.email, r.role, r.password ?? `${PASSWORD}\n`, r.name ?? 'Bob Example');
        assert.equal(run.code, 1, run.stderr);
        assert.ok(
          run.err.some((line) => r.line.test(line)),
          `a line like ${String(r.line)} in:\n${run.stderr}`,
        );
        assert.deepEqual(await rowCounts(db.url), before);
      });
    }

    it('reports every wrong field at once, one line each', async () => {
      const run = await cli(['user', 'add', '--email', 'nope', '--name', '', '--role', 'chef'], 'short');
      assert.equal(run.code, 1);
      const fields = run.err.map((l) => l.split(':')[0]).sort();
      assert.deepEqual(fields, ['--email', '--name', '--role', 'password']);
    });
  });

  it('refuses a user command other than add with exit 2 and the usage', async () => {
    const run = await cli(['user', 'remove', '--email', 'ann@council.gov.uk']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Usage:/);
  });

  describe('import --owner', () => {
    const ownerOfTheTender = () => withDatabase(db.url, (d) => d.selectFrom('tenders').select('owner_id').executeTakeFirst());

    it("sets the tender's owner to that commissioner", async () => {
      assert.equal((await add('ann@council.gov.uk', 'commissioner')).code, 0);
      assert.equal((await add('cal@council.gov.uk', 'commissioner', `${PASSWORD}\n`, 'Cal Example')).code, 0);
      const run = await cli(['import', HAND_WORKED_PACK, '--owner', 'cal@council.gov.uk']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'HW-2026-01');
      const row = await withDatabase(db.url, (d) =>
        d.selectFrom('tenders as t').innerJoin('users as u', 'u.id', 't.owner_id').select(['t.owner_id', 'u.email']).where('t.reference', '=', 'HW-2026-01').executeTakeFirst(),
      );
      assert.deepEqual(row, { owner_id: 2, email: 'cal@council.gov.uk' });
    });

    it('finds the commissioner whatever the capitals of the email', async () => {
      assert.equal((await add('ann@council.gov.uk', 'commissioner')).code, 0);
      const run = await cli(['import', HAND_WORKED_PACK, '--owner', 'ANN@Council.gov.uk']);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(await ownerOfTheTender(), { owner_id: 1 });
    });

    it('leaves the owner empty without --owner, so every commissioner can see the tender', async () => {
      assert.equal((await cli(['import', HAND_WORKED_PACK])).code, 0);
      assert.deepEqual(await ownerOfTheTender(), { owner_id: null });
    });
  });
});
