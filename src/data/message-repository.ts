// Messages to panel members and whether each was delivered; the outcome released to the panel;
// the anonymous survey answers. Times are ISO 8601 strings in UTC.
import { randomInt } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, MessageRow, MessagesTable, OutcomeReleasesTable, SurveyAnswersTable } from './schema';

export interface MessageWithMember extends MessageRow {
  member_key: string;
  member_name: string;
}

export type SurveyAnswerRow = Selectable<SurveyAnswersTable>;

/** A survey answer's id is drawn at random from this range (as migration 022 gave the earlier ones). */
export const SURVEY_ID_FROM = 2 ** 30;
export const SURVEY_ID_TO = 2 ** 31 - 1;

/** A tender's messages with the key and name of the member each is for. */
const withMember = (db: Kysely<Database>, tenderId: number) =>
  db
    .selectFrom('messages')
    .innerJoin('panel_members as m', 'm.id', 'messages.member_id')
    .selectAll('messages')
    .select(['m.key as member_key', 'm.name as member_name'])
    .where('messages.tender_id', '=', tenderId);

export const messageRepository = {
  async insert(db: Kysely<Database>, message: Insertable<MessagesTable>): Promise<number> {
    const row = await db.insertInto('messages').values(message).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },
  async finish(db: Kysely<Database>, id: number, status: 'sent' | 'failed', error: string | null, at: string): Promise<void> {
    await db.updateTable('messages').set({ status, error, finished_at: at }).where('id', '=', id).execute();
  },
  async find(db: Kysely<Database>, tenderId: number, id: number): Promise<MessageWithMember | undefined> {
    return withMember(db, tenderId).where('messages.id', '=', id).executeTakeFirst();
  },
  /** A tender's messages, newest first. */
  async ofTender(db: Kysely<Database>, tenderId: number): Promise<MessageWithMember[]> {
    return withMember(db, tenderId).orderBy('messages.id', 'desc').execute();
  },
  /** The members of a tender already sent (or given a letter) a message of this kind, with its detail. */
  async kindOfTender(db: Kysely<Database>, tenderId: number, kind: MessageRow['kind']): Promise<{ member_id: number; detail: string }[]> {
    return db.selectFrom('messages').select(['member_id', 'detail']).where('tender_id', '=', tenderId).where('kind', '=', kind).execute();
  },
  /** Whether the member was already sent (or given a letter of) a reminder for this closing day; */
  async remindedFor(db: Kysely<Database>, memberId: number, closesOn: string): Promise<boolean> {
    const rows = await db.selectFrom('messages').select('detail').where('member_id', '=', memberId).where('kind', '=', 'reminder').execute();
    return rows.some((r) => (JSON.parse(r.detail) as { closesOn?: string }).closesOn === closesOn);
  },
  /** Whether the member's latest invitation link was stopped (a replaced link is not: its successor is the latest). */
  async linkStopped(db: Kysely<Database>, memberId: number): Promise<boolean> {
    const latest = await db.selectFrom('invitations').select('revoked_at').where('member_id', '=', memberId).orderBy('issued_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
    return latest !== undefined && latest.revoked_at !== null;
  },
};

export const outcomeRepository = {
  async release(db: Kysely<Database>, row: Insertable<OutcomeReleasesTable>): Promise<void> {
    await db.insertInto('outcome_releases').values(row).execute();
  },
  async released(db: Kysely<Database>, tenderId: number): Promise<Selectable<OutcomeReleasesTable> | undefined> {
    return db.selectFrom('outcome_releases').selectAll().where('tender_id', '=', tenderId).executeTakeFirst();
  },
  /**
   * How many final scores (bid × criterion, bids not withdrawn) the member's sent scores were part
   * of: each cell they sent a score for (not an abstention).
   */
  async finalScoresOfMember(db: Kysely<Database>, memberId: number): Promise<number> {
    const row = await db
      .selectFrom('scores')
      .innerJoin('bids', 'bids.id', 'scores.bid_id')
      .select((eb) => eb.fn.countAll<number>().as('cells'))
      .where('scores.member_id', '=', memberId)
      .where('scores.status', '=', 'submitted')
      .where('scores.abstain', '=', 0)
      .where('bids.withdrawn', '=', 0)
      .executeTakeFirst();
    return Number(row?.cells ?? 0);
  },
  async supplierOf(db: Kysely<Database>, tenderId: number, key: string): Promise<string | undefined> {
    return (await db.selectFrom('bids').select('supplier').where('tender_id', '=', tenderId).where('key', '=', key).executeTakeFirst())?.supplier;
  },
  /** Stores an answer under a random id (migration 022), so the answers' order does not follow time. */
  async addAnswer(db: Kysely<Database>, answer: Omit<Insertable<SurveyAnswersTable>, 'id'>): Promise<void> {
    for (;;) {
      const id = randomInt(SURVEY_ID_FROM, SURVEY_ID_TO);
      const result = await db.insertInto('survey_answers').values({ ...answer, id }).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) return;
    }
  },
  async answers(db: Kysely<Database>, tenderId: number): Promise<SurveyAnswerRow[]> {
    return db.selectFrom('survey_answers').selectAll().where('tender_id', '=', tenderId).execute();
  },
  /** Marks the member as having answered, in the caller's transaction; false when they already had. */
  async markAnswered(db: Kysely<Database>, memberId: number): Promise<boolean> {
    const result = await db.updateTable('panel_members').set({ survey_answered: 1 }).where('id', '=', memberId).where('survey_answered', '=', 0).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
