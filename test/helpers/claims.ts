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

/** The hidden fields (claim, amount) of the staff form with this action on the page at `url`, as the page showed them. */
export async function staffForm(agent: Agent, url: string, action: string): Promise<Form> {
  const form = load((await agent.get(url)).text)(`form[action="${action}"]`);
  assert.equal(form.length, 1, `no form for ${action} on ${url}`);
  return { claim: form.find('input[name="claim"]').val() as string, amount: form.find('input[name="amount"]').val() as string };
}

/** The hourly rate of the demo tender, set by a commissioner. */
export const setRate = (agent: Agent, rate: string) => post(agent, `/tenders/${HW}/involvement/rate`, { rate }, '/tenders');

/** Hours of meeting time on 20 November 2026, added by the member. */
export const addTime = (agent: Agent, hours: string) =>
  post(agent, '/panel/contribution', { form: 'time', kind: 'meeting', 'onDate-day': '20', 'onDate-month': '11', 'onDate-year': '2026', hours, minutes: '0', note: '' }, '/panel/contribution/time');

/** A travel expense on 20 November 2026, added by the member. */
export const addExpense = (agent: Agent, amount: string, note = 'Bus') =>
  post(agent, '/panel/contribution', { form: 'expense', kind: 'travel', 'onDate-day': '20', 'onDate-month': '11', 'onDate-year': '2026', amount, note }, '/panel/contribution/expense');

/** Every claim row of the test app, oldest first. */
export const claimRows = (t: TestApp) => t.db.selectFrom('involvement_claims').selectAll().orderBy('id').execute();
