// A query built and compiled once, run many times with new values. Kysely builds a query's
// operation tree and compiles its SQL on every call; for the joins the panel pages read on every
// request that costs more than SQLite takes to run them (about 100 µs for the session's own
// query). The queries read on every panel page are kept compiled here instead.
//
// `preparedQuery(build)` calls `build` with stand-ins for the values the query takes (`args.memberId`),
// compiles it, and remembers where each stand-in sits among the SQL's parameters. Each run binds the
// values in those places and runs the same SQL. The SQL is kept per database kind (SQLite and
// PostgreSQL spell it differently), so a transaction uses the same SQL as its database.
//
// Only values that keep the SQL the same may be stand-ins: a value compared with `=`, `<`, `>`…,
// not a list for `in` (its length changes the SQL) and not `null` for `is`. Two mistakes are
// refused when the query is first compiled: a stand-in the build reads but that does not end up as
// a parameter, and a stand-in turned into text (`sql.raw(String(args.x))`, a template string).
// Two cannot be seen, so a build must not make them: testing a stand-in (`args.x ? … : …` would
// always take the first branch), and a value computed in the build itself (`new Date()`), which
// would be kept from the first run.
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { dialectOf, type DialectName } from './dialect';
import type { Database } from './schema';

/** Stands in for one named value while the query is built. */
class StandIn {
  constructor(readonly name: string) {}

  /** Turned into text or a number, it would end up in the SQL itself: refused. */
  [Symbol.toPrimitive](): never {
    throw new Error(`prepared query: ${this.name} must be compared as a value (it was turned into text)`);
  }
}

interface Compiled {
  query: CompiledQuery;
  /** For each parameter of the SQL: the name of the value to bind, or the constant the build wrote. */
  binds: ({ name: string } | { constant: unknown })[];
}

export type PreparedQuery<Args, Row> = (db: Kysely<Database>, args: Args) => Promise<Row[]>;

function compile<Args extends object, Row>(db: Kysely<Database>, build: (db: Kysely<Database>, args: Args) => Compilable<Row>): Compiled {
  const read = new Set<string>();
  const standIns = new Proxy({} as Args, {
    get: (_target, name) => {
      if (typeof name !== 'string') return undefined;
      read.add(name);
      return new StandIn(name);
    },
  });
  const query = build(db, standIns).compile();
  const binds = query.parameters.map((p) => (p instanceof StandIn ? { name: p.name } : { constant: p }));
  const bound = new Set(binds.flatMap((b) => ('name' in b ? [b.name] : [])));
  const unbound = [...read].filter((name) => !bound.has(name));
  if (unbound.length > 0) throw new Error(`prepared query: ${unbound.join(', ')} must be compared as a value (it is not a parameter of: ${query.sql})`);
  return { query, binds };
}

/**
 * A query compiled once per database kind and run with `args` each time. `build` must use each
 * field of `args` it reads as a plain value (see above).
 */
export function preparedQuery<Args extends object, Row>(build: (db: Kysely<Database>, args: Args) => Compilable<Row>): PreparedQuery<Args, Row> {
  const compiled = new Map<DialectName, Compiled>();
  return async (db, args) => {
    const dialect = dialectOf(db);
    let kept = compiled.get(dialect);
    if (!kept) {
      kept = compile(db, build);
      compiled.set(dialect, kept);
    }
    const values = args as Record<string, unknown>;
    const parameters = kept.binds.map((b) => ('name' in b ? values[b.name] : b.constant));
    // The compiled query with this run's values (no plugin is installed that would need a new query id).
    const result = await db.executeQuery<Row>({ ...kept.query, parameters } as CompiledQuery<Row>);
    return result.rows;
  };
}
