// Panel members' invitation links. Only the SHA-256 hash of a link's token is stored, so a copy
// of the database cannot be used to sign in. Times are ISO 8601 strings in UTC, which sort and
// compare as text.
import type { Kysely, Selectable } from 'kysely';
import type { Database, InvitationsTable } from './schema';

export type InvitationRow = Selectable<InvitationsTable>;

/** An invitation with the member and tender it lets into. */
export interface InvitationWithMember extends InvitationRow {
  tender_id: number;
  tender_reference: string;
  member_key: string;
  /** When the member withdrew from the panel; null while they are on it. */
  member_withdrawn_at: string | null;
}

const withMember = (db: Kysely<Database>) =>
  db
    .selectFrom('invitations')
    .innerJoin('panel_members', 'panel_members.id', 'invitations.member_id')
    .innerJoin('tenders', 'tenders.id', 'panel_members.tender_id')
    .selectAll('invitations')
    .select(['panel_members.tender_id', 'tenders.reference as tender_reference', 'panel_members.key as member_key', 'panel_members.withdrawn_at as member_withdrawn_at']);

export const invitationRepository = {
  async insert(db: Kysely<Database>, invitation: Omit<InvitationRow, 'id' | 'revoked_at'>): Promise<number> {
    const row = await db.insertInto('invitations').values({ ...invitation, revoked_at: null }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  /** Stops every link of the member that still works; returns how many did. */
  async revokeWorking(db: Kysely<Database>, memberId: number, now: string): Promise<number> {
    const result = await db
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('member_id', '=', memberId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async findByHash(db: Kysely<Database>, tokenHash: string): Promise<InvitationWithMember | undefined> {
    return withMember(db).where('invitations.token_hash', '=', tokenHash).executeTakeFirst();
  },

  /** The invitation whose short code has this hash (src/services/short-codes.ts). */
  async findByCodeHash(db: Kysely<Database>, codeHash: string): Promise<InvitationWithMember | undefined> {
    return withMember(db).where('invitations.code_hash', '=', codeHash).executeTakeFirst();
  },

  /** The member's most recent invitation, working or not. */
  async latest(db: Kysely<Database>, memberId: number): Promise<InvitationRow | undefined> {
    return db.selectFrom('invitations').selectAll().where('member_id', '=', memberId).orderBy('issued_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  },

  /** The member's link that works now, if any (there is at most one). */
  async working(db: Kysely<Database>, memberId: number, now: string): Promise<InvitationRow | undefined> {
    return db
      .selectFrom('invitations')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  },

  /** The tender a member's link leads to, with the name of the commissioner who owns it. */
  async tenderOfMember(
    db: Kysely<Database>,
    memberId: number,
  ): Promise<{ title: string; state: string; owner_name: string | null; owner_email: string | null; withdrawn_at: string | null; perspective: string } | undefined> {
    return db
      .selectFrom('panel_members')
      .innerJoin('tenders', 'tenders.id', 'panel_members.tender_id')
      .leftJoin('users', 'users.id', 'tenders.owner_id')
      .select(['tenders.title', 'tenders.state', 'users.name as owner_name', 'users.email as owner_email', 'panel_members.withdrawn_at', 'panel_members.perspective'])
      .where('panel_members.id', '=', memberId)
      .executeTakeFirst();
  },
};
