// What the payment-claim tests share: a member signed in on the hand-worked tender, a form posted
// with the CSRF token of the page it came from, and a page's text as a person reads it.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import request from 'supertest';
import { issueInvitations } from '../../src/services/invitations';
import { csrfToken, encode, type Form, type TestApp } from './web';

export type Agent = request.Agent;
export const HW = 'HW-2026-01';
export const CLAIMS = `/tenders/${HW}/claims`;

export async function memberAgent(t: TestApp, key: string): Promise<Agent> {
  const issued = await issueInvitations(t.db, HW, [key], 'test', t.clock.now);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  const agent = request.agent(t.app);
  assert.equal((await agent.get(issued.links[0]!.path)).status, 303);
  return agent;
}

export async function post(agent: Agent, url: string, form: Form, tokenFrom: string): Promise<request.Response> {
  const _csrf = await csrfToken(agent, tokenFrom);
  return agent.post(url).type('form').send(encode({ ...form, _csrf }));
}

/** The text of an element, with a space between elements (as a person reads them). */
export const text = (res: request.Response, selector = 'main') => load(res.text.replace(/></g, '> <'))(selector).text().replace(/\s+/g, ' ').trim();
