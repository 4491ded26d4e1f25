// Two connections to one temporary database, as two instances of the app hold them, and a clock
// the test moves: for the shared state that instances coordinate through the database.
import { openDatabase, type Db } from '../../src/data/database';
import { useTempDatabase } from './temp-db';

/** Where the clock stands at the start of each test. */
export const START = Date.parse('2026-11-23T10:00:00Z');

export interface TwoConnections {
  /** The first instance's connection. */
  readonly db: Db;
  /** A second connection, as a second instance would have. */
  readonly other: Db;
  readonly clock: { now: Date };
  /** Moves the clock to `ms` after START and returns it. */
  at(ms: number): Date;
}

/** Registers mocha hooks: a new database and both connections for every test, closed after it. */
export function useTwoConnections(): TwoConnections {
  const temp = useTempDatabase('each');
  let connections: [Db, Db] | undefined;
  const clock = { now: new Date(START) };
  beforeEach(async () => {
    connections = [await openDatabase(temp.url), await openDatabase(temp.url)];
    clock.now = new Date(START);
  });
  afterEach(async () => {
    for (const db of connections?.reverse() ?? []) await db.destroy();
    connections = undefined;
  });
  const need = (): [Db, Db] => {
    if (!connections) throw new Error('the connections are only there inside tests and hooks');
    return connections;
  };
  return {
    get db() {
      return need()[0];
    },
    get other() {
      return need()[1];
    },
    clock,
    at: (ms) => (clock.now = new Date(START + ms)),
  };
}
