// Partials that keep their rendered HTML per context (src/views/partial-memo.ts): the HTML given
// again is the HTML the partial renders, byte for byte, for every GOV.UK fixture of those
// components and for the score page with its layout; a context is reused only when it is equal
// in content and type; other contexts, blocks and a full cache behave as partial-memo.ts describes.
import assert from 'node:assert/strict';
import type express from 'express';
import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { scaleItems } from '../../../src/features/scoring/scoring-view';
import { rubricLibrary } from '../../../src/services/rubric-library';
import { viewEngine } from '../../../src/views/engine';
import { contextKey, keptValue, MEMO_HOLES, MEMO_PARTIALS, memoPartial } from '../../../src/views/partial-memo';
import { RUBRICS_DIR } from '../../helpers/paths';
import { fixturesOf } from './govuk-fixtures';
import { renderView, viewApp } from './view-app';

type Partials = Record<string, (context: unknown, options?: object) => string>;

/** A partial that counts its calls and renders its context's `text`. */
function counting() {
  const calls = { n: 0 };
  const partial = (context: unknown) => {
    calls.n++;
    return `<p>${String((context as { text?: unknown }).text)}</p>`;
  };
  return { calls, memo: memoPartial(partial as unknown as Parameters<typeof memoPartial>[0], 3) };
}

describe('views: partials that keep their HTML', () => {
  describe('memoPartial', () => {
    it('renders once for contexts equal in content, given as new objects each time', () => {
      const { calls, memo } = counting();
      const first = memo({ text: 'a', items: [{ value: 1, hint: { text: 'x' } }] });
      const again = memo({ text: 'a', items: [{ value: 1, hint: { text: 'x' } }] });
      assert.equal(first, '<p>a</p>');
      assert.equal(again, first);
      assert.equal(calls.n, 1);
    });

    it('tells apart values that print alike but render differently: type, HTML or text, null or undefined, order', () => {
      const pairs: [unknown, unknown][] = [
        [{ value: '1' }, { value: 1 }],
        [{ html: new Handlebars.SafeString('<b>x</b>') }, { html: '<b>x</b>' }],
        [{ html: new Handlebars.SafeString('x') }, { html: { string: 'x' } }],
        [{ a: null }, { a: undefined }],
        [{ a: true }, { a: 'true' }],
        [{ items: ['a'] }, { items: { 0: 'a' } }],
        [{ a: 'x', b: 'y' }, { b: 'y', a: 'x' }],
        [{ a: 'xy', b: '' }, { a: 'x', b: 'y' }],
        [{ ab: 'c' }, { a: 'bc' }],
      ];
      for (const [a, b] of pairs) assert.notEqual(contextKey(a), contextKey(b), `${JSON.stringify(a)} and ${JSON.stringify(b)}`);
    });

    it('keeps nothing for a context holding more than plain data', () => {
      for (const odd of [{ at: new Date(0) }, { map: new Map() }, { f: () => 'x' }, { list: [new Set()] }]) {
        assert.equal(contextKey(odd), null);
        const { calls, memo } = counting();
        memo(odd);
        memo(odd);
        assert.equal(calls.n, 2);
      }
    });

    it('keeps nothing when the partial is used as a block', () => {
      const { calls, memo } = counting();
      const options = { fn: () => 'block' } as unknown as HelperOptions;
      memo({ text: 'a' }, options);
      memo({ text: 'a' }, options);
      assert.equal(calls.n, 2);
    });

    it('keeps at most its number of contexts, dropping the oldest', () => {
      const { calls, memo } = counting();
      for (const text of ['a', 'b', 'c', 'd']) memo({ text });
      assert.equal(calls.n, 4);
      memo({ text: 'd' });
      memo({ text: 'b' });
      assert.equal(calls.n, 4, 'b and d are still kept');
      memo({ text: 'a' });
      assert.equal(calls.n, 5, 'a, the oldest, was dropped');
    });
  });

  describe('the kept HTML is the HTML the partial renders', () => {
    const plainEngine = viewEngine({ memo: false });
    const memoEngine = viewEngine();
    let plain: Partials;
    let kept: Partials;
    before(async () => {
      plain = (await plainEngine.getPartials({ cache: true })) as Partials;
      kept = (await memoEngine.getPartials({ cache: true })) as Partials;
    });

    it('wraps only the partials it names, all of which exist', () => {
      for (const name of MEMO_PARTIALS) {
        assert.equal(typeof plain[name], 'function', name);
        assert.equal(kept[name]!.name, 'memo', name);
      }
      assert.notEqual(kept['govuk/hint']!.name, 'memo');
    });

    for (const name of MEMO_PARTIALS) {
      const component = name.replace('govuk/', '');
      it(`${name}: every GOV.UK fixture, rendered and then given again`, () => {
        const fixtures = fixturesOf(component);
        assert.ok(fixtures.length > 0);
        for (const { name: fixtureName, options } of fixtures) {
          const expected = plain[name]!(structuredClone(options), { helpers: plainEngine.helpers, partials: plain });
          for (let i = 0; i < 2; i++) {
            const html = kept[name]!(structuredClone(options), { helpers: memoEngine.helpers, partials: kept });
            assert.equal(html, expected, `${fixtureName} (${i === 0 ? 'rendered' : 'given again'})`);
          }
        }
      });
    }

    // Text a person wrote, as a hole: each fixture again with other words in its holes, given from
    // the HTML kept for the fixture's own words.
    const WORDS = ['Good </textarea> & <b>"more"</b>', "it's = `this`", '  spaced\n\nlines  ', 'x', '&#x3D;', 'hole=0'];
    for (const [name, holes] of Object.entries(MEMO_HOLES)) {
      it(`${name}: every GOV.UK fixture with other words in its holes (${holes.join(', ')})`, () => {
        let filled = 0;
        for (const { name: fixtureName, options } of fixturesOf(name.replace('govuk/', ''))) {
          for (const words of ['', ...WORDS]) {
            const context = structuredClone(options);
            for (const hole of holes) if (typeof context[hole] === 'string') context[hole] = words;
            const expected = plain[name]!(structuredClone(context), { helpers: plainEngine.helpers, partials: plain });
            assert.equal(kept[name]!(context, { helpers: memoEngine.helpers, partials: kept }), expected, `${fixtureName} with ${JSON.stringify(words)}`);
            filled++;
          }
        }
        assert.ok(filled > 0);
      });
    }

    it('keys a kept value by itself: frozen, and not written out', () => {
      const items = keptValue([{ value: '1', text: 'One', hint: { text: 'The lowest' } }]);
      assert.ok(Object.isFrozen(items) && Object.isFrozen(items[0]) && Object.isFrozen(items[0]!.hint));
      assert.equal(contextKey({ items }), contextKey({ items }));
      assert.ok(!contextKey({ items })!.includes('The lowest'));
      assert.notEqual(contextKey({ items }), contextKey({ items: [{ value: '1', text: 'One', hint: { text: 'The lowest' } }] }));
      const html = plain['govuk/radios']!({ name: 'choice', items }, { helpers: plainEngine.helpers, partials: plain });
      assert.equal(kept['govuk/radios']!({ name: 'choice', items }, { helpers: memoEngine.helpers, partials: kept }), html);
      assert.equal(kept['govuk/radios']!({ name: 'choice', items }, { helpers: memoEngine.helpers, partials: kept }), html);
    });
  });

  describe('the score page with its layout', () => {
    const render = (app: express.Express, context: object) => renderView(app, 'pages/scoring/score', context);

    it('is the same with and without kept partials, in both layouts, with every choice, problems and notices', async () => {
      const loaded = await rubricLibrary(RUBRICS_DIR).load('home-care-outcomes');
      assert.ok(loaded?.ok);
      const rubric = loaded.rubric;
      const criteria = rubric.sections.flatMap((s) => s.criteria);
      const criterion = criteria[0]!;
      const coProduction = criteria.find((c) => c.coProduction)!;
      assert.ok(coProduction);
      const base = {
        serviceName: 'Evaluate a care tender',
        signedIn: true,
        actorName: 'Sam <Bench>',
        navigation: [
          { href: '/panel', text: 'Home', active: false },
          { href: '/panel/tasks', text: 'Your scores', active: false },
        ],
        csrfToken: 'token-1',
        cspNonce: 'nonce-1',
        pageTitle: `${criterion.title}: Alder Care`,
        backHref: '/panel/tasks',
        bidLabel: 'Alder & Care',
        position: { at: 1, of: 12 },
        criterion,
        responseParagraphs: ['First <paragraph>.', 'Second "one".'],
        memberId: 7,
        editable: true,
        submitted: false,
        action: '/panel/bids/A/criteria/independence',
        glossary: { outcome: '/glossary#outcome', coProduction: '/glossary#co-production' },
        currentPath: '/panel/bids/A/criteria/independence',
      };
      const errors = {
        list: [{ text: 'Choose a score', href: '#choice' }],
        fields: { choice: { text: 'Choose a score' }, reason: { text: 'Say why <now>' } },
      };
      const contexts: object[] = [];
      for (const easyRead of [false, true]) {
        for (const chosen of [null, 'abstain' as const, ...rubric.scale.points.map((p) => p.score)]) {
          contexts.push({ ...base, easyRead, largeText: easyRead, items: scaleItems(rubric, easyRead, chosen), reason: 'Good </textarea> & more', version: 2 });
        }
        contexts.push({ ...base, easyRead, items: scaleItems(rubric, easyRead, null), reason: '', version: 0, errors, saved: true, kept: true });
        contexts.push({ ...base, easyRead, criterion: coProduction, items: scaleItems(rubric, easyRead, 1), reason: 'x', version: 1, enteredWith: 'Pat', savedAt: '4 December 2026' });
        contexts.push({ ...base, easyRead, items: scaleItems(rubric, easyRead, 3), editable: false, submitted: true, savedText: '3 – Good', lockedNow: true, typedReason: 'typed' });
      }
      const plain = viewApp(viewEngine({ memo: false }));
      const kept = viewApp(viewEngine());
      for (const [i, context] of contexts.entries()) {
        const expected = await render(plain, context);
        assert.equal(await render(kept, context), expected, `context ${i}, rendered`);
        assert.equal(await render(kept, context), expected, `context ${i}, given again`);
      }
    });
  });
});
