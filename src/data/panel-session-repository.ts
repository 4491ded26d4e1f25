// A signed-in panel member's request reads who they are in one query: the link they signed in
// with (still working, and their newest working link), their member row and their tender's row.
import type { Kysely } from 'kysely';
import { preparedQuery } from './prepared-query';
import type { Database, MemberRow, TenderRow } from './schema';

/** Every column of each row, listed so one query can read both tables under distinct names. */
const MEMBER_COLUMNS = [
  'id',
  'tender_id',
  'key',
  'name',
  'perspective',
  'contact',
  'access_needs',
  'access_notes',
  'conflicts_declared_at',
  'scoring_seconds',
  'last_active_at',
  'withdrawn_at',
  'withdrawn_reason',
  'withdrawn_by',
  'prefers_post',
  'survey_answered',
  'practice_seconds',
  'practice_done_at',
] as const;
const TENDER_COLUMNS = [
  'id',
  'reference',
  'title',
  'rubric_id',
  'rubric_json',
  'aggregation',
  'anonymise',
  'state',
  'owner_id',
  'created_at',
  'updated_at',
  'hourly_rate',
  'scoring_closes_on',
  'moderation_on',
  'award_planned_on',
  'light_touch',
  'practice',
] as const;

// A column added to either table must be added to its list above: typecheck fails until it is.
type Complete<Row, Listed extends readonly (keyof Row)[]> = Exclude<keyof Row, Listed[number]> extends never ? true : Exclude<keyof Row, Listed[number]>;
const memberColumnsComplete: Complete<MemberRow, typeof MEMBER_COLUMNS> = true;
const tenderColumnsComplete: Complete<TenderRow, typeof TENDER_COLUMNS> = true;
void memberColumnsComplete;
void tenderColumnsComplete;

export interface PanelSessionRows {
  member: MemberRow;
  tender: TenderRow;
}

/** Each column with the name it has in the joined row: made once, so a request builds no names. */
const aliased = (prefix: string, columns: readonly string[]): (readonly [string, string])[] => columns.map((c) => [c, `${prefix}${c}`] as const);
const MEMBER_ALIASES = aliased('m_', MEMBER_COLUMNS);
const TENDER_ALIASES = aliased('t_', TENDER_COLUMNS);

function pick<Row>(row: Record<string, unknown>, aliases: readonly (readonly [string, string])[]): Row {
  const picked: Record<string, unknown> = {};
  for (const [column, alias] of aliases) picked[column] = row[alias];
  return picked as Row;
}

/** Read on every request of a signed-in member, so kept compiled (prepared-query.ts). */
const sessionRows = preparedQuery((db: Kysely<Database>, args: { memberId: number; invitationId: number; now: string }) =>
  db
    .selectFrom('invitations as i')
    .innerJoin('panel_members as m', 'm.id', 'i.member_id')
    .innerJoin('tenders as t', 't.id', 'm.tender_id')
    .select((eb) => [...MEMBER_COLUMNS.map((c) => eb.ref(`m.${c}`).as(`m_${c}`)), ...TENDER_COLUMNS.map((c) => eb.ref(`t.${c}`).as(`t_${c}`))])
    .where('i.id', '=', args.invitationId)
    .where('i.member_id', '=', args.memberId)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', args.now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invitations as newer')
            .select('newer.id')
            .whereRef('newer.member_id', '=', 'i.member_id')
            .where('newer.revoked_at', 'is', null)
            .where('newer.expires_at', '>', args.now)
            .whereRef('newer.id', '>', 'i.id'),
        ),
      ),
    ),
);

export const panelSessionRepository = {
  /**
   * The member and tender of a session signed in with invitation `invitationId`, when that link
   * still works (not stopped, not expired) and no newer link of the member works; else undefined.
   */
  async rows(db: Kysely<Database>, memberId: number, invitationId: number, now: string): Promise<PanelSessionRows | undefined> {
    const [row] = await sessionRows(db, { memberId, invitationId, now });
    if (!row) return undefined;
    const flat = row as Record<string, unknown>;
    return { member: pick<MemberRow>(flat, MEMBER_ALIASES), tender: pick<TenderRow>(flat, TENDER_ALIASES) };
  },
};
