// Two rules that must hold the same on SQLite and PostgreSQL:
// - A tender reference and a staff email are unique whatever their letter case (HW-1 and hw-1 are
//   one reference to people): a unique index on lower(...), so that two requests racing past the
//   app's own check still cannot both be stored.
// - Text sorts the same on both: SQLite compares text byte by byte (BINARY); PostgreSQL by the
//   database's locale, where "b10" may sort before "B2" or spaces be ignored. The columns the app
//   sorts on use PostgreSQL's "C" collation, which is byte order too. (Bid and member keys are then
//   put in natural order, B2 before B10, by the engine's sortByKeys where they are listed.)
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

const SORTED_TEXT: readonly (readonly [table: string, column: string])[] = [
  ['tenders', 'reference'],
  ['bids', 'key'],
  ['bids', 'supplier'],
  ['panel_members', 'key'],
  ['panel_members', 'name'],
  ['users', 'name'],
  ['users', 'email'],
  ['scores', 'criterion'],
  ['consensus', 'criterion'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('tenders_reference_any_case').on('tenders').expression(sql`lower(reference)`).unique().execute();
  await db.schema.createIndex('users_email_any_case').on('users').expression(sql`lower(email)`).unique().execute();
  if (dialectOf(db) === 'postgres') {
    for (const [table, column] of SORTED_TEXT) {
      await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN ${sql.ref(column)} TYPE text COLLATE "C"`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('018-case-and-order cannot be undone: restore a backup taken before it instead');
}
