// Table types for Kysely. Column names are snake_case in the database; the repositories map
// them to the domain's names.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: 'commissioner' | 'procurement' | 'facilitator' | 'admin';
  /** Empty until a password is set (through a set-password link). */
  password_hash: string;
  created_at: string;
  deactivated_at: Generated<string | null>;
  totp_secret: Generated<string | null>;
  totp_confirmed_at: Generated<string | null>;
  totp_last_step: Generated<number | null>;
  /** How many times all the account's sessions were ended; a session of an earlier count no longer works. */
  session_generation: Generated<number>;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
}

export interface PasswordLinksTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  issued_by: string;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface TendersTable {
  id: Generated<number>;
  reference: string;
  title: string;
  rubric_id: string;
  rubric_json: string;
  aggregation: string;
  anonymise: number;
  state: string;
  owner_id: number | null;
  created_at: string;
  updated_at: string;
  /** Pounds per hour paid for a member's involvement, exact decimal; null until set. */
  hourly_rate: string | null;
  /** The timetable: calendar days in UK time, YYYY-MM-DD; null until set. */
  scoring_closes_on: string | null;
  moderation_on: string | null;
  award_planned_on: string | null;
  /** 1 for a light-touch contract (standstill voluntary), 0 otherwise. */
  light_touch: Generated<number>;
  /** The practice round: 'off', 'offered' or 'expected' (asked to do it first, never a block). */
  practice: Generated<PracticeMode>;
}

export type PracticeMode = 'off' | 'offered' | 'expected';

export interface BidsTable {
  id: Generated<number>;
  tender_id: number;
  key: string;
  supplier: string;
  /** Pounds as a canonical decimal string, kept exact; null until entered. */
  price: string | null;
  withdrawn: number;
}

/** A bidder's legal details for the award notice, named as OCDS names them; null until known. */
export interface BidDetailsTable {
  bid_id: number;
  legal_name: string | null;
  street_address: string | null;
  locality: string | null;
  postal_code: string | null;
  country_name: string | null;
  email: string | null;
  identifier_scheme: string | null;
  identifier_id: string | null;
  sme: number | null;
  vcse: number | null;
  sheltered_workshop: number | null;
  public_service_mission: number | null;
}

export interface BidResponsesTable {
  bid_id: number;
  criterion: string;
  response: string;
}

export interface PanelMembersTable {
  id: Generated<number>;
  tender_id: number;
  key: string;
  name: string;
  perspective: string;
  contact: string | null;
  access_needs: string;
  access_notes: string | null;
  /** When the member declared their conflicts of interest (none or some); null until they have. */
  conflicts_declared_at: string | null;
  /** Time spent scoring, counted from one save to the next (gaps over 20 minutes count as 20). */
  scoring_seconds: Generated<number>;
  last_active_at: string | null;
  /** When the member left the panel (null: still on it); their sent scores are then not counted. */
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  withdrawn_by: string | null;
  /** 1: the member asked for their messages by post (printable letters). */
  prefers_post: Generated<number>;
  /** 1 once the member answered the outcome survey (the answer itself holds no member). */
  survey_answered: Generated<number>;
  /** Time spent on the practice round, counted as scoring time is. */
  practice_seconds: Generated<number>;
  /** When the member finished the practice round; null until then. */
  practice_done_at: Generated<string | null>;
}

export interface MemberCriteriaTable {
  member_id: number;
  criterion: string;
}

export interface MemberBidsTable {
  member_id: number;
  bid_id: number;
}

export interface ScoresTable {
  id: Generated<number>;
  tender_id: number;
  member_id: number;
  bid_id: number;
  criterion: string;
  /** Null when the member abstained. */
  score: number | null;
  abstain: number;
  rationale: string;
  status: 'draft' | 'submitted';
  version: number;
  entered_by: string | null;
  updated_at: string;
}

export interface ConsensusTable {
  id: Generated<number>;
  tender_id: number;
  bid_id: number;
  criterion: string;
  score: number;
  rationale: string;
  attendees: string;
  recorded_by: string;
  recorded_at: string;
}

export interface AuditEventsTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: string;
  tender_ref: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
  /** `tender:<reference>` or `system`; null for events written before migration 016 (one chain for all). */
  chain: string | null;
  /** The event's number in its chain (1, 2, …); null before migration 016, where `seq` numbered the one chain. */
  chain_seq: number | null;
}

/** The head of each audit chain: the last event's number in the chain and its hash. */
export interface AuditChainsTable {
  chain: string;
  seq: number;
  head: string;
}

export interface SessionsTable {
  sid: string;
  data: string;
  expires_at: string;
}

/** One client's count for one rate limit, shared by every instance on the database. */
export interface RateLimitHitsTable {
  name: string;
  key: string;
  hits: number;
  resets_at: string;
}

/** Which instance does a job (such as pruning) until when. */
export interface MaintenanceLeasesTable {
  name: string;
  holder: string;
  until: string;
}

export interface InvitationsTable {
  id: Generated<number>;
  member_id: number;
  token_hash: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** The scrypt hash of the link's short code (src/services/short-codes.ts); null for links made before codes. */
  code_hash: string | null;
}

/** A consensus score replaced by a later one (the current one stays in `consensus`). */
export interface ConsensusHistoryTable {
  id: Generated<number>;
  tender_id: number;
  bid_id: number;
  criterion: string;
  score: number;
  rationale: string;
  attendees: string;
  recorded_by: string;
  recorded_at: string;
  superseded_by: string;
  superseded_at: string;
}

/** A member's submitted score sent back to draft in moderation, as it was submitted, with why. */
export interface ScoreReopeningsTable {
  id: Generated<number>;
  tender_id: number;
  member_id: number;
  bid_id: number;
  criterion: string;
  score: number | null;
  abstain: number;
  rationale: string;
  version: number;
  reason: string;
  reopened_by: string;
  reopened_at: string;
}

/** The commissioner's wording of one criterion's explanation in a bid's assessment summary. */
export interface SummaryExplanationsTable {
  tender_id: number;
  bid_id: number;
  criterion: string;
  explanation: string;
  edited_by: string;
  edited_at: string;
}

export interface FinalisationsTable {
  tender_id: number;
  results_json: string;
  results_sha256: string;
  chain_head: string;
  finalised_by: string;
  finalised_at: string;
}

/** A member's declared conflict of interest with one bid: that bid is taken off their list. */
export interface MemberConflictsTable {
  member_id: number;
  bid_id: number;
  declared_by: string;
  declared_at: string;
}

/** Time (reading, meetings) or an expense (travel, carer or assistant cover, other) of one member. */
export interface InvolvementEntriesTable {
  id: Generated<number>;
  tender_id: number;
  member_id: number;
  kind: 'reading' | 'meeting' | 'travel' | 'cover' | 'other';
  /** The day it was for, YYYY-MM-DD. */
  on_date: string;
  minutes: number | null;
  /** Pounds as an exact decimal string. */
  amount: string | null;
  note: string;
  entered_by: string;
  recorded_at: string;
  /** What the time was for when it is practice or a training session (kind then 'reading' or 'meeting'). */
  activity: Generated<'practice' | 'training' | null>;
}

/** A member's own score of one practice answer (the practice round); never shown to staff. */
export interface PracticeScoresTable {
  id: Generated<number>;
  tender_id: number;
  member_id: number;
  /** The practice answer's place in the tender's rubric's practice list, from 1. */
  item: number;
  score: number | null;
  abstain: number;
  rationale: string;
  entered_by: string;
  updated_at: string;
}

/** A stage change made with items outstanding, and the commissioner's written reason. */
export interface StageOverridesTable {
  id: Generated<number>;
  tender_id: number;
  from_state: string;
  to_state: string;
  /** JSON array of the outstanding items' texts. */
  outstanding: string;
  reason: string;
  recorded_by: string;
  recorded_at: string;
}

/** A member who attended moderation and disagrees with the consensus score. */
export interface ConsensusDissentsTable {
  id: Generated<number>;
  tender_id: number;
  bid_id: number;
  criterion: string;
  member_id: number;
  consensus_score: number;
  reason: string;
  recorded_by: string;
  recorded_at: string;
}

/** A bid's assessment summary reviewed by a commissioner. */
export interface SummaryReviewsTable {
  tender_id: number;
  bid_id: number;
  reviewed_by: string;
  reviewed_at: string;
  /** The fingerprint of the summary as it was reviewed (summaries.ts); null for a review stored before migration 021. */
  content_fingerprint: string | null;
}

/** A message to a panel member, by email or as a printable letter, and whether it was delivered. */
export interface MessagesTable {
  id: Generated<number>;
  tender_id: number;
  member_id: number;
  kind: 'invitation' | 'reminder' | 'reopened' | 'outcome';
  channel: 'email' | 'letter';
  easy_read: number;
  to_address: string | null;
  subject: string;
  status: 'sending' | 'sent' | 'failed' | 'letter';
  error: string | null;
  /** JSON: what the message is about, to write it again (never a link's token). */
  detail: string;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  resend_of: number | null;
}

/** The outcome released to the panel, with the commissioner's "you said, we did" text. */
export interface OutcomeReleasesTable {
  tender_id: number;
  you_said_we_did: string;
  released_by: string;
  released_at: string;
}

/** One anonymous survey answer: the perspective and the answers only, never the member or a time. */
export interface SurveyAnswersTable {
  /** Random (migration 022), never the next number: the order of the answers does not follow time. */
  id: Generated<number>;
  tender_id: number;
  perspective: string;
  listened: number | null;
  support: number | null;
  information: number | null;
  payment: number | null;
  comments: string | null;
}

/** A tender bought under the Provider Selection Regime, and what its decision record needs from the commissioner. */
export interface ProviderSelectionsTable {
  tender_id: number;
  process: string;
  decision_makers: string | null;
  basic_selection: string | null;
  reasons: string | null;
  other_interests: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** How one declared conflict of interest was managed, in the commissioner's words. */
export interface ConflictNotesTable {
  member_id: number;
  bid_id: number;
  note: string;
  recorded_by: string;
  recorded_at: string;
}

/** A bid's assessment summary: when it was issued (the tender finalised) and the day it was sent. */
export interface SummaryDatesTable {
  bid_id: number;
  tender_id: number;
  issued_at: string;
  /** YYYY-MM-DD (UK), as the commissioner records it; null until then. */
  sent_on: string | null;
  sent_by: string | null;
  sent_recorded_at: string | null;
}

export type PaymentChoice = 'paid' | 'voucher' | 'declined';
export type ClaimStatus = 'claimed' | 'approved' | 'paid';

/** A paid member's choice, made after reading that payments may affect benefits. */
export interface PaymentChoicesTable {
  member_id: number;
  tender_id: number;
  choice: PaymentChoice;
  chosen_by: string;
  chosen_at: string;
}

/** A member's claim: the figures when they claimed (exact pounds), then who approved and paid it, and when. */
export interface InvolvementClaimsTable {
  id: Generated<number>;
  tender_id: number;
  member_id: number;
  status: ClaimStatus;
  choice: PaymentChoice;
  minutes: number;
  rate: string | null;
  time_payment: string;
  expenses: string;
  paid_before: string;
  amount: string;
  claimed_by: string;
  claimed_at: string;
  approved_by: string | null;
  approved_at: string | null;
  /** The day it was paid, YYYY-MM-DD. */
  paid_on: string | null;
  paid_by: string | null;
  paid_at: string | null;
}

/** Travel money asked for in advance (migration 017); paid on a day by procurement or a commissioner. */
export interface ExpenseAdvancesTable {
  id: Generated<number>;
  tender_id: number;
  member_id: number;
  amount: string;
  purpose: string;
  requested_by: string;
  requested_at: string;
  /** The day it was paid, YYYY-MM-DD. */
  paid_on: string | null;
  paid_by: string | null;
  paid_at: string | null;
}

export interface Database {
  expense_advances: ExpenseAdvancesTable;
  messages: MessagesTable;
  outcome_releases: OutcomeReleasesTable;
  survey_answers: SurveyAnswersTable;
  provider_selections: ProviderSelectionsTable;
  conflict_notes: ConflictNotesTable;
  payment_choices: PaymentChoicesTable;
  involvement_claims: InvolvementClaimsTable;
  recovery_codes: RecoveryCodesTable;
  password_links: PasswordLinksTable;
  stage_overrides: StageOverridesTable;
  consensus_dissents: ConsensusDissentsTable;
  summary_reviews: SummaryReviewsTable;
  summary_dates: SummaryDatesTable;
  member_conflicts: MemberConflictsTable;
  involvement_entries: InvolvementEntriesTable;
  finalisations: FinalisationsTable;
  sessions: SessionsTable;
  rate_limit_hits: RateLimitHitsTable;
  maintenance_leases: MaintenanceLeasesTable;
  invitations: InvitationsTable;
  users: UsersTable;
  tenders: TendersTable;
  bids: BidsTable;
  bid_responses: BidResponsesTable;
  bid_details: BidDetailsTable;
  panel_members: PanelMembersTable;
  member_criteria: MemberCriteriaTable;
  member_bids: MemberBidsTable;
  scores: ScoresTable;
  consensus: ConsensusTable;
  consensus_history: ConsensusHistoryTable;
  score_reopenings: ScoreReopeningsTable;
  summary_explanations: SummaryExplanationsTable;
  audit_events: AuditEventsTable;
  audit_chains: AuditChainsTable;
  practice_scores: PracticeScoresTable;
}

export type UserRow = Selectable<UsersTable>;
export type AuditChainRow = Selectable<AuditChainsTable>;
export type TenderRow = Selectable<TendersTable>;
export type BidRow = Selectable<BidsTable>;
export type BidDetailsRow = Selectable<BidDetailsTable>;
export type MemberRow = Selectable<PanelMembersTable>;
export type ScoreRow = Selectable<ScoresTable>;
export type InvolvementEntryRow = Selectable<InvolvementEntriesTable>;
export type ClaimRow = Selectable<InvolvementClaimsTable>;
export type AdvanceRow = Selectable<ExpenseAdvancesTable>;
export type ConsensusRow = Selectable<ConsensusTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type PracticeScoreRow = Selectable<PracticeScoresTable>;
