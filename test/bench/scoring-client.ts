// The panel member's side of the scoring benchmark: signing in with the invitation link and
// declaring no conflicts (as a browser would), then the score saves autocannon sends.
import type { Request as CannonRequest } from 'autocannon';
import { connectDatabase } from '../../src/data/database';

/** Every request to the app says it came over HTTPS through the one trusted proxy (production). */
export const PROXY_HEADERS = { 'x-forwarded-proto': 'https' };

export interface PanelSession {
  cookie: string;
  csrfToken: string;
}

async function send(base: string, path: string, cookie: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}${path}`, { redirect: 'manual', ...init, headers: { ...PROXY_HEADERS, cookie, ...(init.headers as Record<string, string> | undefined) } });
}

/** The form's CSRF token; without one, says what the page was instead. */
async function csrfOn(page: Response): Promise<string> {
  const html = await page.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) {
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim();
    throw new Error(`no CSRF token on ${page.url}: it answered ${page.status}${page.headers.get('location') ? ` to ${page.headers.get('location')}` : ''}${title ? `, "${title}"` : ''}`);
  }
  return token;
}

/** Opens the invitation link, then says "no" to any link with the organisations. */
export async function signIn(base: string, invite: string): Promise<PanelSession> {
  const opened = await send(base, invite, '');
  const cookie = opened.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('__Host-session='));
  if (opened.status !== 303 || !cookie) throw new Error(`the invitation link answered ${opened.status} without a session cookie`);
  const csrfToken = await csrfOn(await send(base, '/panel/conflicts', cookie));
  const body = new URLSearchParams({ _csrf: csrfToken, anyConflict: 'no' }).toString();
  const declared = await send(base, '/panel/conflicts', cookie, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  if (declared.status !== 303) throw new Error(`declaring no conflicts answered ${declared.status}`);
  return { cookie, csrfToken };
}

export const cellPath = (bid: string, criterion: string): string => `/panel/bids/${bid}/criteria/${criterion}`;

export interface Cell {
  bid: string;
  criterion: string;
  version: number;
}

export interface SaveTally {
  /** 200 with { saved: true } and a new version. */
  written: number;
  /** 200 that did not write (it should not happen: every save changes the reason). */
  unchanged: number;
}

/**
 * Autosaves (the JSON answer) of the member's cells. Each request takes a cell nobody is saving
 * (so the 32 connections never conflict), with its current version, a new score and a new
 * reason; the answer gives the cell back with its new version. A cell whose save failed is left
 * out until `savedCells` reads the versions from the database again (between autocannon runs).
 */
export class ScoreSaves {
  private free: Cell[] = [];
  private count = 0;
  readonly tally: SaveTally = { written: 0, unchanged: 0 };

  constructor(
    private readonly session: PanelSession,
    private readonly memberKey: string,
    /** Put in every reason, so that savers made one after another never send words already saved. */
    private readonly label = '',
  ) {}

  /** The cells to save, each with the version saved now (0 when nothing is). */
  useCells(cells: Cell[]): void {
    this.free = cells.map((c) => ({ ...c }));
  }

  private body(cell: Cell): string {
    const n = ++this.count;
    const reason = `Save ${this.label}${n}. The answer gives real examples from their work now and a plan for this contract, with how they will measure success. Some detail on rural areas is missing.`;
    return new URLSearchParams({ _csrf: this.session.csrfToken, choice: String(n % 6), reason, version: String(cell.version), action: 'autosave', memberKey: this.memberKey }).toString();
  }

  request(): CannonRequest {
    return {
      method: 'POST',
      headers: { ...PROXY_HEADERS, cookie: this.session.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest: (req, context) => {
        const cell = this.free.shift();
        if (!cell) throw new Error('no free cell to save: too many saves failed');
        (context as { cell?: Cell }).cell = cell;
        return { ...req, path: cellPath(cell.bid, cell.criterion), body: this.body(cell) };
      },
      onResponse: (status, body, context) => {
        const cell = (context as { cell: Cell }).cell;
        if (status !== 200) return;
        const answer = JSON.parse(body) as { saved: boolean; version: number };
        if (answer.saved) this.tally.written++;
        else this.tally.unchanged++;
        this.free.push({ ...cell, version: answer.version });
      },
    };
  }
}

/** The member's cells with the versions saved now (0 where nothing is), read through the app's own Kysely. */
export async function savedCells(url: string, memberKey: string, cells: readonly { bid: string; criterion: string }[]): Promise<Cell[]> {
  const db = connectDatabase(url);
  try {
    const rows = await db
      .selectFrom('scores as s')
      .innerJoin('bids as b', 'b.id', 's.bid_id')
      .innerJoin('panel_members as m', 'm.id', 's.member_id')
      .select(['b.key as bid', 's.criterion', 's.version'])
      .where('m.key', '=', memberKey)
      .execute();
    const versions = new Map(rows.map((r) => [`${r.bid}/${r.criterion}`, r.version]));
    return cells.map((c) => ({ ...c, version: versions.get(`${c.bid}/${c.criterion}`) ?? 0 }));
  } finally {
    await db.destroy();
  }
}
