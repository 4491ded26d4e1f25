// Which database a Kysely instance (or transaction) talks to. The few places where SQLite and
// PostgreSQL differ ask here, so the difference lives in one place per concern, not in scattered
// checks of the URL.
import { PostgresAdapter, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations hold Kysely<any>
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
