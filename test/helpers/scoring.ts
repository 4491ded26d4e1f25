// A tender open for scoring, and panel members signed in with their invitation links, for the
// tests of the panel's scoring journey.
import { load } from 'cheerio';
import request from 'supertest';
import { issueInvitations } from '../../src/services/invitations';
import { addTender } from './bid-tenders';
import type { PackDoc } from './packs';
import type { TestApp } from './web';

export const SC = 'SC-2026-01';

/**
 * The hand-worked rubric (criteria co-production and safety), open for scoring, with bids A
 * (Alder Care) and B (Birch Support) and members m1 (lived experience, easy read), m2 and m3
 * (professionals); no scores yet.
 */
export async function scoringTender(t: TestApp, reference = SC, change?: (pack: PackDoc) => void): Promise<void> {
  await addTender(t, reference, 'scoring', { change });
}

/** A supertest agent signed in as a panel member with a fresh invitation link. */
export async function panelAgent(t: TestApp, key: string, reference = SC): Promise<request.Agent> {
  const issued = await issueInvitations(t.db, reference, [key], 'test', t.clock.now);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  const agent = request.agent(t.app);
  const res = await agent.get(issued.links[0]!.path);
  if (res.status !== 303) throw new Error(`invitation link answered ${res.status}`);
  return agent;
}

/** The CSRF token and the form's hidden fields on a page. */
export async function formOn(agent: request.Agent, url: string): Promise<Record<string, string>> {
  const page = await agent.get(url);
  const $ = load(page.text);
  const fields: Record<string, string> = {};
  $('form input[type="hidden"]').each((_i, el) => {
    const name = $(el).attr('name');
    if (name && !(name in fields)) fields[name] = $(el).attr('value') ?? '';
  });
  if (!fields['_csrf']) throw new Error(`no form on ${url} (status ${page.status})`);
  return fields;
}

export const cellUrl = (bid: string, criterion: string): string => `/panel/bids/${bid}/criteria/${criterion}`;
