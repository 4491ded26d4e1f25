import type { Kysely } from 'kysely';
import type { Database, UserRow, UsersTable } from './schema';

export const userRepository = {
  async findByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  },
  async findById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Kysely<Database>, user: Omit<UsersTable, 'id'>): Promise<number> {
    const row = await db.insertInto('users').values({ ...user, email: user.email.toLowerCase() }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },
};
