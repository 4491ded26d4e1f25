// A survey answer's id is a random number (from 2^30 up to 2^31 - 1), not the next number, so the
// answers' order (by id, and on SQLite the order the rows are kept in) says nothing about the
// order they came in, which set against the audit trail's times could tell whose answer is whose.
// New answers are given such an id (message-repository.ts); this gives one to the answers stored
// before. The same on SQLite and PostgreSQL (an identity column "by default" takes a given id).
import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/** The range ids are drawn from (as message-repository.ts draws new ones). */
const SURVEY_ID_FROM = 2 ** 30;
const SURVEY_ID_TO = 2 ** 31 - 1;

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{ id: number }>`SELECT id FROM survey_answers`.execute(db);
  const taken = new Set<number>();
  for (const { id } of rows.rows) {
    let next = randomInt(SURVEY_ID_FROM, SURVEY_ID_TO);
    while (taken.has(next)) next = randomInt(SURVEY_ID_FROM, SURVEY_ID_TO);
    taken.add(next);
    await sql`UPDATE survey_answers SET id = ${next} WHERE id = ${Number(id)}`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('restore from a backup instead');
}
