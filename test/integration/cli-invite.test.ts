// `invite <reference> [member-key]…` (a contract in the README): one line per member,
// `key<TAB>/invite/<token><TAB><short code>`, all or nothing; only the tokens' and codes' hashes are stored.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { hashShortCode } from '../../src/services/short-codes';
import { cli, importPack } from '../helpers/cli';
import { writeChangedPack } from '../helpers/packs';
import { HAND_WORKED_PACK } from '../helpers/paths';
import { placesHolding, withDatabase } from '../helpers/database-peek';
import { useTempDatabase } from '../helpers/temp-db';

interface InvitationRow {
  member: string;
  token_hash: string;
  code_hash: string | null;
  revoked_at: string | null;
}

const LINE = /^(m\d)\t\/invite\/([A-Za-z0-9_-]{43})\t([2-9BCDFGHJKMNPQRSTVWXYZ]{4}-[2-9BCDFGHJKMNPQRSTVWXYZ]{4}-[2-9BCDFGHJKMNPQRSTVWXYZ]{4})$/;

describe('invite (CLI)', () => {
  const db = useTempDatabase('each');

  const invitations = (): Promise<InvitationRow[]> =>
    withDatabase(db.url, (d) =>
      d
        .selectFrom('invitations as i')
        .innerJoin('panel_members as m', 'm.id', 'i.member_id')
        .select(['m.key as member', 'i.token_hash', 'i.code_hash', 'i.revoked_at'])
        .orderBy('i.id')
        .execute(),
    );
  const auditActions = async (): Promise<string[]> =>
    (await withDatabase(db.url, (d) => d.selectFrom('audit_events').select('action').orderBy('seq').execute())).map((r) => r.action);

  beforeEach(async () => {
    await importPack(HAND_WORKED_PACK);
  });

  it('prints one line per member, key TAB link path TAB short code, for every member when none is named', async () => {
    const run = await cli(['invite', 'HW-2026-01']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.out.length, 3);
    const parsed = run.out.map((line) => LINE.exec(line));
    assert.deepEqual(
      parsed.map((m) => m?.[1]),
      ['m1', 'm2', 'm3'],
    );
    // Each token is 32 random bytes; only its SHA-256 hash is stored.
    const stored = await invitations();
    assert.deepEqual(
      stored.map((r) => r.member),
      ['m1', 'm2', 'm3'],
    );
    parsed.forEach((m, i) => {
      const token = m![2]!;
      assert.equal(Buffer.from(token, 'base64url').length, 32);
      assert.equal(stored[i]!.token_hash, createHash('sha256').update(token).digest('hex'));
    });
    assert.equal(new Set(parsed.map((m) => m![2])).size, 3);
    // Each short code is stored only as its slow hash, on its link's row; no two are alike.
    for (const [i, m] of parsed.entries()) assert.equal(stored[i]!.code_hash, await hashShortCode(m![3]!));
    assert.equal(new Set(parsed.map((m) => m![3])).size, 3);
    for (const m of parsed) {
      for (const code of [m![3]!, m![3]!.replace(/-/g, '')]) assert.deepEqual(await placesHolding(db, code), [], `the code ${code} is stored`);
    }
    assert.deepEqual((await auditActions()).slice(-3), ['invitation.issued', 'invitation.issued', 'invitation.issued']);
  });

  it('issues links for the named members only, in the order named', async () => {
    const run = await cli(['invite', 'HW-2026-01', 'm3', 'm1']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      run.out.map((line) => LINE.exec(line)?.[1]),
      ['m3', 'm1'],
    );
    assert.deepEqual(
      (await invitations()).map((r) => r.member),
      ['m3', 'm1'],
    );
  });

  it('stops the earlier link when a member is invited again', async () => {
    await cli(['invite', 'HW-2026-01', 'm2']);
    await cli(['invite', 'HW-2026-01', 'm2']);
    const [first, second] = await invitations();
    assert.notEqual(first!.revoked_at, null);
    assert.equal(second!.revoked_at, null);
  });

  it('refuses an unknown member key with exit 1, naming it, and makes no links at all', async () => {
    const before = (await auditActions()).length;
    const run = await cli(['invite', 'HW-2026-01', 'm1', 'm9', 'zz']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /HW-2026-01 has no panel member with the key "m9", "zz"/);
    assert.match(run.stderr, /No links were made/);
    assert.equal((await invitations()).length, 0);
    assert.equal((await auditActions()).length, before);
  });

  it('refuses an unknown tender reference with exit 1, naming it', async () => {
    const run = await cli(['invite', 'NO-SUCH-TENDER']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /There is no tender with the reference "NO-SUCH-TENDER"/);
  });

  it('issues links for a finalised tender too (scoring is closed: they open what happened, the survey and the claim)', async () => {
    await importPack(writeChangedPack(db.dir, 'final.yaml', (p) => Object.assign(p.tender, { reference: 'HW-FINAL', state: 'finalised' })));
    const run = await cli(['invite', 'HW-FINAL', 'm1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.out[0] ?? '', /^m1\t\/invite\/[A-Za-z0-9_-]{43}\t/);
    assert.equal((await invitations()).length, 1);
  });

  it('asks for a reference (usage, exit 2) when none is given', async () => {
    const run = await cli(['invite']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /invite needs a tender reference/);
    assert.match(run.stderr, /invite <reference> \[member-key\]/);
  });
});
