// The timetable (issue 13 item 2): the commissioner sets, changes and clears the days, each
// change audited with the old and new days; bad dates are refused with the GOV.UK date input's
// messages and write nothing; a finalised tender's timetable cannot change. Panel members see
// when to send their scores (and, kindly, when that day has passed); staff pages say what is late.
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type request from 'supertest';
import { addTender, events } from '../../helpers/bid-tenders';
import { formOn, panelAgent, SC, scoringTender } from '../../helpers/scoring';
import { ACCOUNTS, csrfToken, encode, signedIn, testApp, type Form, type TestApp } from '../../helpers/web';

type Agent = request.Agent;
const HW = 'HW-2026-01';
const timetableUrl = (reference: string) => `/tenders/${reference}/timetable`;

/** The form's fields for the three dates, YYYY-MM-DD or '' (empty boxes). */
function dates(days: { scoringCloses?: string; moderation?: string; awardPlanned?: string }): Form {
  const form: Form = {};
  for (const date of ['scoringCloses', 'moderation', 'awardPlanned'] as const) {
    const [y = '', m = '', d = ''] = (days[date] ?? '').split('-');
    Object.assign(form, { [`${date}-day`]: d, [`${date}-month`]: m, [`${date}-year`]: y });
  }
  return form;
}

async function postTimetable(agent: Agent, form: Form, reference = HW): Promise<request.Response> {
  const _csrf = await csrfToken(agent, '/tenders');
  return agent.post(timetableUrl(reference)).type('form').send(encode({ ...form, _csrf }));
}

async function stored(t: TestApp, reference = HW) {
  return t.db.selectFrom('tenders').select(['scoring_closes_on', 'moderation_on', 'award_planned_on']).where('reference', '=', reference).executeTakeFirstOrThrow();
}

async function setDays(t: TestApp, reference: string, days: { scoring_closes_on?: string | null; moderation_on?: string | null; award_planned_on?: string | null }): Promise<void> {
  await t.db.updateTable('tenders').set(days).where('reference', '=', reference).execute();
}

async function declareNone(agent: Agent): Promise<void> {
  const form = await formOn(agent, '/panel/conflicts');
  const res = await agent.post('/panel/conflicts').type('form').send(encode({ _csrf: form['_csrf']!, anyConflict: 'no' }));
  assert.equal(res.status, 303);
}

const deadlineText = (html: string): string | null => {
  const $ = load(html);
  const el = $('#deadline');
  return el.length === 0 ? null : el.text().replace(/\s+/g, ' ').trim();
};

describe('web: the timetable', function () {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => t.close());

  describe('the commissioner sets it', () => {
    it('shows three empty GOV.UK date inputs, then saves the days, audited with the old and new days', async () => {
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      const page = load((await owner.get(timetableUrl(HW))).text);
      assert.deepEqual(page('fieldset legend').map((_i, el) => page(el).text().trim()).get(), ['Scoring closes', 'Moderation meeting', 'Planned award']);
      assert.equal(page('input.govuk-date-input__input').length, 9);
      assert.equal(page('input.govuk-date-input__input').filter((_i, el) => (page(el).attr('value') ?? '') !== '').length, 0);

      const res = await postTimetable(owner, dates({ scoringCloses: '2027-03-05', moderation: '2027-03-12', awardPlanned: '2027-04-01' }));
      assert.equal(res.status, 303);
      assert.equal(res.headers['location'], `${timetableUrl(HW)}?done=saved`);
      assert.deepEqual(await stored(t), { scoring_closes_on: '2027-03-05', moderation_on: '2027-03-12', award_planned_on: '2027-04-01' });
      const audited = await events(t, HW, 'tender.timetable-set');
      assert.equal(audited.length, 1);
      assert.equal(audited[0]!.actor, `commissioner:${ACCOUNTS.owner.email}`);
      assert.deepEqual(audited[0]!.detail, {
        old: { scoringCloses: null, moderation: null, awardPlanned: null },
        new: { scoringCloses: '2027-03-05', moderation: '2027-03-12', awardPlanned: '2027-04-01' },
      });

      // The page shows the saved days in the boxes, without leading zeros, and says it saved.
      const saved = load((await owner.get(`${timetableUrl(HW)}?done=saved`)).text);
      assert.match(saved('.govuk-notification-banner').text(), /The timetable was saved/);
      assert.deepEqual(
        ['day', 'month', 'year'].map((p) => saved(`#scoringCloses-${p}`).attr('value')),
        ['5', '3', '2027'],
      );
    });

    it('changes and clears days, each change audited from what was there before; the same days again write nothing', async () => {
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      await postTimetable(owner, dates({ scoringCloses: '2027-03-05', moderation: '2027-03-12' }));
      assert.equal((await postTimetable(owner, dates({ scoringCloses: '2027-03-08', awardPlanned: '2027-04-01' }))).status, 303);
      assert.deepEqual(await stored(t), { scoring_closes_on: '2027-03-08', moderation_on: null, award_planned_on: '2027-04-01' });
      assert.equal((await postTimetable(owner, dates({ scoringCloses: '2027-03-08', awardPlanned: '2027-04-01' }))).status, 303);
      const audited = await events(t, HW, 'tender.timetable-set');
      assert.equal(audited.length, 2);
      assert.deepEqual(audited[1]!.detail, {
        old: { scoringCloses: '2027-03-05', moderation: '2027-03-12', awardPlanned: null },
        new: { scoringCloses: '2027-03-08', moderation: null, awardPlanned: '2027-04-01' },
      });
    });

    it('accepts two days that are the same, and days typed with leading zeros or spaces', async () => {
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      const res = await postTimetable(owner, { ...dates({ moderation: '2027-03-12', awardPlanned: '2027-03-12' }), 'scoringCloses-day': ' 05 ', 'scoringCloses-month': '03', 'scoringCloses-year': '2027' });
      assert.equal(res.status, 303);
      assert.deepEqual(await stored(t), { scoring_closes_on: '2027-03-05', moderation_on: '2027-03-12', award_planned_on: '2027-03-12' });
    });

    const refusals: [string, Form, string, string, string[]][] = [
      ['a missing month', { ...dates({}), 'scoringCloses-day': '5', 'scoringCloses-year': '2027' }, 'scoringCloses-month', 'The date scoring closes must include a month', ['month']],
      ['a missing day and year', { ...dates({}), 'moderation-month': '3' }, 'moderation-day', 'The date of the moderation meeting must include a day and a year', ['day', 'year']],
      ['a missing year', { ...dates({}), 'awardPlanned-day': '1', 'awardPlanned-month': '4' }, 'awardPlanned-year', 'The planned award date must include a year', ['year']],
      ['a day that is not a number', { ...dates({}), 'scoringCloses-day': 'fifth', 'scoringCloses-month': '3', 'scoringCloses-year': '2027' }, 'scoringCloses-day', 'The date scoring closes must have a day that is a number, like 5', ['day']],
      ['a month that is not a number', { ...dates({}), 'scoringCloses-day': '5', 'scoringCloses-month': 'March', 'scoringCloses-year': '2027' }, 'scoringCloses-month', 'The date scoring closes must have a month that is a number from 1 to 12, like 3', ['month']],
      ['a month 13', { ...dates({}), 'scoringCloses-day': '5', 'scoringCloses-month': '13', 'scoringCloses-year': '2027' }, 'scoringCloses-month', 'The date scoring closes must have a month from 1 to 12', ['month']],
      ['a year of 2 numbers', { ...dates({}), 'scoringCloses-day': '5', 'scoringCloses-month': '3', 'scoringCloses-year': '27' }, 'scoringCloses-year', 'The date scoring closes must have a year with 4 numbers, like 2027', ['year']],
      ['29 February in a year that has none', { ...dates({}), 'moderation-day': '29', 'moderation-month': '2', 'moderation-year': '2027' }, 'moderation-day', 'The date of the moderation meeting must be a real date', ['day']],
      ['a year typed 0202', { ...dates({}), 'awardPlanned-day': '1', 'awardPlanned-month': '4', 'awardPlanned-year': '0202' }, 'awardPlanned-year', 'The planned award date must be in a year from 2000 to 2099', ['year']],
      ['a moderation meeting before scoring closes', dates({ scoringCloses: '2027-03-05', moderation: '2027-03-04' }), 'moderation-day', 'The date of the moderation meeting must be the same day as the day scoring closes (5 March 2027) or later', ['day', 'month', 'year']],
      ['an award before the moderation meeting', dates({ scoringCloses: '2027-03-05', moderation: '2027-03-12', awardPlanned: '2027-03-11' }), 'awardPlanned-day', 'The planned award date must be the same day as the moderation meeting (12 March 2027) or later', ['day', 'month', 'year']],
      ['an award before scoring closes, with no meeting set', dates({ scoringCloses: '2027-03-05', awardPlanned: '2027-02-28' }), 'awardPlanned-day', 'The planned award date must be the same day as the day scoring closes (5 March 2027) or later', ['day', 'month', 'year']],
    ];

    for (const [what, form, field, message, parts] of refusals) {
      it(`refuses ${what}: the error summary links to the box, the date says why, nothing is written`, async () => {
        const owner = await signedIn(t.app, ACCOUNTS.owner.email);
        const before = await stored(t);
        const res = await postTimetable(owner, form);
        assert.equal(res.status, 400);
        const page = load(res.text);
        assert.match(page('title').text(), /^Error: Timetable/);
        const links = page('.govuk-error-summary__list a');
        assert.equal(links.length, 1);
        assert.equal(links.first().text().trim(), message);
        assert.equal(links.first().attr('href'), `#${field}`);
        assert.equal(page(`#${field}`).length, 1, `no box #${field} on the page`);
        const date = field.split('-')[0]!;
        assert.equal(page(`#${date}-error`).text().replace(/\s+/g, ' ').trim(), `Error: ${message}`);
        assert.deepEqual(
          ['day', 'month', 'year'].filter((p) => page(`#${date}-${p}`).hasClass('govuk-input--error')),
          parts,
        );
        // What was typed is shown again.
        for (const [name, value] of Object.entries(form)) assert.equal(page(`input[name="${name}"]`).attr('value') ?? '', String(value).trim() === '' ? '' : String(value), name);
        assert.deepEqual(await stored(t), before);
        assert.equal((await events(t, HW, 'tender.timetable-set')).length, 0);
      });
    }

    it('refuses a damaged form (a box sent twice) in words, never a 500, and writes nothing', async () => {
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      const res = await postTimetable(owner, { ...dates({ scoringCloses: '2027-03-05' }), 'scoringCloses-day': ['5', '6'] });
      assert.equal(res.status, 400);
      const page = load(res.text);
      assert.equal(page('.govuk-error-summary__list a').first().text().trim(), 'Send the form again from the page');
      assert.equal(page('.govuk-error-summary__list a').first().attr('href'), '#scoringCloses-day');
      assert.equal((await stored(t)).scoring_closes_on, null);
    });

    it('can change at any stage but finalised: then the page shows the days and a post is refused', async () => {
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      await postTimetable(owner, dates({ scoringCloses: '2027-03-05' }));
      await t.db.updateTable('tenders').set({ state: 'finalised' }).where('reference', '=', HW).execute();
      const page = load((await owner.get(timetableUrl(HW))).text);
      assert.equal(page('form input.govuk-date-input__input').length, 0);
      assert.match(page('main').text(), /finalised, so the timetable cannot change/);
      assert.match(page('.govuk-summary-list').text(), /5 March 2027/);
      const res = await postTimetable(owner, dates({ scoringCloses: '2027-03-06' }));
      assert.equal(res.status, 409);
      assert.match(load(res.text)('main').text(), /The timetable cannot change: the tender is finalised/);
      assert.equal((await stored(t)).scoring_closes_on, '2027-03-05');
      assert.equal((await events(t, HW, 'tender.timetable-set')).length, 1);
    });

    it('comes in with a tender pack that has one (tender.timetable), shown on the form', async () => {
      await addTender(t, 'TT-PACK', 'draft', { change: (pack) => (pack.tender['timetable'] = { scoringCloses: '2027-03-05', awardPlanned: '2027-04-01' }) });
      assert.deepEqual(await stored(t, 'TT-PACK'), { scoring_closes_on: '2027-03-05', moderation_on: null, award_planned_on: '2027-04-01' });
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      const page = load((await owner.get(timetableUrl('TT-PACK'))).text);
      assert.deepEqual(['day', 'month', 'year'].map((p) => page(`#awardPlanned-${p}`).attr('value')), ['1', '4', '2027']);
      assert.equal(page('#moderation-day').attr('value') ?? '', '');
    });

    it('is the commissioner\'s: a facilitator gets 403 and another commissioner 404, and nothing changes', async () => {
      for (const [account, status] of [[ACCOUNTS.facilitator.email, 403], [ACCOUNTS.procurement.email, 403], [ACCOUNTS.otherCommissioner.email, 404]] as const) {
        const agent = await signedIn(t.app, account);
        assert.equal((await agent.get(timetableUrl(HW))).status, status, account);
        assert.equal((await postTimetable(agent, dates({ scoringCloses: '2027-03-05' }))).status, status, account);
      }
      assert.equal((await stored(t)).scoring_closes_on, null);
    });
  });

  describe('the panel sees when to send their scores', () => {
    beforeEach(async () => scoringTender(t));

    it('says nothing new when no date is set', async () => {
      const agent = await panelAgent(t, 'm2');
      assert.equal(deadlineText((await agent.get('/panel')).text), null);
      await declareNone(agent);
      assert.equal(deadlineText((await agent.get('/panel/tasks')).text), null);
      assert.equal(deadlineText((await agent.get('/panel/pack')).text), null);
    });

    it('on the start page, the task list and the printed pack, in standard and easy read (m1 reads easy read)', async () => {
      await setDays(t, SC, { scoring_closes_on: '2026-12-05' });
      for (const key of ['m1', 'm2']) {
        const agent = await panelAgent(t, key);
        const start = await agent.get('/panel');
        // m1's access needs include easy read: their pages open in the easy-read layout (larger text).
        assert.equal(load(start.text)('main').hasClass('app-large-text'), key === 'm1', `${key} layout`);
        assert.equal(deadlineText(start.text), 'Send your scores by 5 December 2026.', key);
        await declareNone(agent);
        assert.equal(deadlineText((await agent.get('/panel/tasks')).text), 'Send your scores by 5 December 2026.', key);
        assert.equal(deadlineText((await agent.get('/panel/pack')).text), 'Send your scores by 5 December 2026.', key);
      }
    });

    it('on the last day it still asks; the day after, it says kindly that the date has passed', async () => {
      await setDays(t, SC, { scoring_closes_on: '2026-12-05' });
      await declareNone(await panelAgent(t, 'm2'));
      // 23:30 UTC on 5 December is still 5 December in the UK (GMT). (A new sign-in each time: the clock jumps past the session's idle time.)
      t.clock.now = new Date('2026-12-05T23:30:00Z');
      assert.equal(deadlineText((await (await panelAgent(t, 'm2')).get('/panel/tasks')).text), 'Send your scores by 5 December 2026.');
      t.clock.now = new Date('2026-12-06T00:00:00Z');
      const agent = await panelAgent(t, 'm2');
      const passed = 'The date to send your scores was 5 December 2026. Please send them as soon as you can, or speak to your facilitator.';
      assert.equal(deadlineText((await agent.get('/panel/tasks')).text), passed);
      assert.equal(deadlineText((await agent.get('/panel')).text), passed);
      assert.equal(deadlineText((await agent.get('/panel/pack')).text), passed);
    });

    it('says nothing more once the member has sent their scores', async () => {
      await setDays(t, SC, { scoring_closes_on: '2026-12-05' });
      const agent = await panelAgent(t, 'm2');
      await declareNone(agent);
      const tasks = load((await agent.get('/panel/tasks')).text);
      const cells = tasks('.govuk-task-list__link').map((_i, el) => tasks(el).attr('href')).get();
      assert.ok(cells.length > 0);
      for (const url of cells) {
        const form = await formOn(agent, url);
        const res = await agent.post(url).type('form').send(encode({ ...form, choice: '3', reason: 'Clear about how people are involved.', action: 'continue' }));
        assert.equal(res.status, 303, url);
      }
      const check = await formOn(agent, '/panel/check');
      assert.equal((await agent.post('/panel/submit').type('form').send(encode({ _csrf: check['_csrf']! }))).status, 303);
      for (const url of ['/panel', '/panel/tasks', '/panel/pack']) assert.equal(deadlineText((await agent.get(url)).text), null, url);
      t.clock.now = new Date('2026-12-10T10:00:00Z');
      const later = await panelAgent(t, 'm2');
      for (const url of ['/panel', '/panel/tasks', '/panel/pack']) assert.equal(deadlineText((await later.get(url)).text), null, `${url}, after the day`);
    });

    it('prints the deadline on a pack the commissioner prints for a member', async () => {
      await setDays(t, SC, { scoring_closes_on: '2026-12-05' });
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      const res = await owner.get(`/tenders/${SC}/panel/m2/pack`);
      assert.equal(res.status, 200);
      assert.equal(deadlineText(res.text), 'Send your scores by 5 December 2026.');
    });
  });

  describe('staff pages say what is late', () => {
    beforeEach(async () => scoringTender(t));
    const lateOn = async (agent: Agent, reference: string) => {
      const $ = load((await agent.get(`/tenders/${reference}`)).text);
      $('#late-notices .govuk-visually-hidden').remove();
      return $('#late-notices .govuk-warning-text__text').map((_i, el) => $(el).text().replace(/\s+/g, ' ').trim()).get();
    };
    const lateInList = async (agent: Agent, reference: string) => {
      const $ = load((await agent.get('/tenders')).text);
      const row = $('tbody tr').filter((_i, el) => $(el).text().includes(reference));
      return row.find('.app-late').map((_i, el) => $(el).text().replace(/\s+/g, ' ').trim()).get();
    };

    it('nothing while every day is still to come, or no day is set', async () => {
      const owner = await signedIn(t.app, ACCOUNTS.owner.email);
      assert.deepEqual(await lateOn(owner, SC), []);
      await setDays(t, SC, { scoring_closes_on: '2026-12-05', award_planned_on: '2027-01-10' });
      assert.deepEqual(await lateOn(owner, SC), []);
      assert.deepEqual(await lateInList(owner, SC), []);
    });

    it('scoring closed with members owing scores, and the award date passed; a withdrawn member is not counted', async () => {
      await setDays(t, SC, { scoring_closes_on: '2026-11-20', moderation_on: '2026-11-21', award_planned_on: '2026-11-22' });
      const facilitator = await signedIn(t.app, ACCOUNTS.facilitator.email);
      assert.deepEqual(await lateOn(facilitator, SC), [
        'Scoring closed on 20 November 2026 and 3 members have not sent their scores.',
        'The moderation meeting, 21 November 2026, has passed and the tender has not moved on to moderation.',
        'The planned award date, 22 November 2026, has passed and the tender is not finalised.',
      ]);
      assert.deepEqual(await lateInList(facilitator, SC), [
        'Late: Scoring closed on 20 November 2026 and 3 members have not sent their scores',
        'Late: The moderation meeting, 21 November 2026, has passed and the tender has not moved on to moderation',
        'Late: The planned award date, 22 November 2026, has passed and the tender is not finalised',
      ]);
      const tender = await t.db.selectFrom('tenders').select('id').where('reference', '=', SC).executeTakeFirstOrThrow();
      await t.db.updateTable('panel_members').set({ withdrawn_at: t.clock.now.toISOString(), withdrawn_reason: 'moved away', withdrawn_by: 'test' }).where('tender_id', '=', tender.id).where('key', '=', 'm3').execute();
      assert.match((await lateOn(facilitator, SC))[0]!, /and 2 members have not sent their scores/);
      // A member with nothing to score owes nothing.
      const m2 = await t.db.selectFrom('panel_members').select('id').where('tender_id', '=', tender.id).where('key', '=', 'm2').executeTakeFirstOrThrow();
      await t.db.deleteFrom('member_criteria').where('member_id', '=', m2.id).execute();
      assert.match((await lateOn(facilitator, SC))[0]!, /and 1 member has not sent their scores/);
      await t.db.updateTable('tenders').set({ state: 'finalised' }).where('reference', '=', SC).execute();
      assert.deepEqual(await lateOn(facilitator, SC), []);
      assert.deepEqual(await lateInList(facilitator, SC), []);
    });
  });
});
