// The function Express renders pages with (src/views/express-engine.ts): with the view cache on it
// renders compiled templates itself, and the HTML is express-handlebars' own, byte for byte, with
// the main layout, another layout and none; a missing view or a template that fails as it renders
// reaches Express's callback, never a throw. Without the view cache it is express-handlebars itself.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { viewEngine, VIEWS_DIR } from '../../../src/views/engine';
import { expressEngine } from '../../../src/views/express-engine';

type Done = (error: Error | null, html?: string) => void;
type Engine = (file: string, options: object, done: Done) => void;

const render = (engine: Engine, file: string, options: object): Promise<string> =>
  new Promise((resolve, reject) => engine(file, options, (error, html) => (error ? reject(error) : resolve(html!))));

const view = (name: string) => path.join(VIEWS_DIR, 'pages', `${name}.hbs`);
/** What every page's layout reads (as res.locals holds it). */
const locals = {
  serviceName: 'Evaluate a care tender',
  cspNonce: 'bm9uY2U=',
  signedIn: true,
  actorName: 'Jo <Smith>',
  navigation: [{ href: '/tenders', text: 'Tenders', active: true }],
  settings: { views: VIEWS_DIR },
};

describe('views: the Express engine', () => {
  const cases: [string, string, object][] = [
    ['the main layout', view('errors/404'), { ...locals, pageTitle: 'Page not found' }],
    ['the same page again (compiled once)', view('errors/404'), { ...locals, pageTitle: 'Page not found', signedIn: false }],
    ['another layout', view('summaries/zip-index'), { ...locals, layout: 'print', pageTitle: 'Index', standalone: true, reference: 'R-1', summaries: [] }],
    ['no layout', view('errors/400'), { ...locals, layout: false, pageTitle: 'Bad request' }],
  ];

  for (const [name, file, options] of cases) {
    it(`renders as express-handlebars does: ${name}`, async () => {
      const fast = expressEngine(viewEngine()) as Engine;
      const expected = await render(viewEngine().engine as Engine, file, { ...options, cache: true });
      assert.equal(await render(fast, file, { ...options, cache: true }), expected);
      assert.equal(await render(fast, file, { ...options, cache: true }), expected, 'the second time, from what was compiled');
    });
  }

  it('passes a missing view, and a template that fails as it renders, to the callback', async () => {
    const fast = expressEngine(viewEngine()) as Engine;
    await assert.rejects(render(fast, view('errors/no-such-page'), { ...locals, cache: true }), /ENOENT|no such file/);
    const dir = mkdtempSync(path.join(tmpdir(), 'express-engine-'));
    try {
      const broken = path.join(dir, 'broken.hbs');
      writeFileSync(broken, '<p>{{> no-such-partial}}</p>');
      // The first time it is compiled, then rendered; the second time rendered from what was compiled.
      for (const time of ['first', 'second']) {
        await assert.rejects(render(fast, broken, { ...locals, cache: true }), /The partial no-such-partial could not be found/, time);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives Express the page outside its own promise: an error thrown after it is not swallowed', async () => {
    const fast = expressEngine(viewEngine()) as Engine;
    // Mocha listens for uncaught exceptions; this one is expected, so Mocha's listeners are set aside.
    const mochaListeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    const thrown = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let calls = 0;
      fast(view('errors/404'), { ...locals, cache: true }, () => {
        calls++;
        throw new Error('thrown by what Express does next');
      });
      assert.match(String(await thrown), /thrown by what Express does next/);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(calls, 1, 'the callback is called once');
      assert.deepEqual(unhandled, []);
    } finally {
      process.removeListener('unhandledRejection', onUnhandled);
      process.removeAllListeners('uncaughtException');
      for (const listener of mochaListeners) process.on('uncaughtException', listener);
    }
  });

  it('leaves a render with its own helpers, partials or data to express-handlebars', async () => {
    const handlebars = viewEngine();
    let calls = 0;
    const original = handlebars.engine;
    handlebars.engine = ((...args: Parameters<typeof original>) => {
      calls++;
      return original(...args);
    }) as typeof original;
    const fast = expressEngine(handlebars) as Engine;
    const html = await render(fast, view('errors/404'), { ...locals, cache: true, helpers: { extra: () => 'x' } });
    assert.match(html, /Page not found/);
    assert.equal(calls, 1);
  });

  it('leaves pages to express-handlebars without the view cache (a changed template shows at once)', async () => {
    const handlebars = viewEngine();
    let calls = 0;
    const original = handlebars.engine;
    handlebars.engine = ((...args: Parameters<typeof original>) => {
      calls++;
      return original(...args);
    }) as typeof original;
    const fast = expressEngine(handlebars) as Engine;
    const html = await render(fast, view('errors/404'), { ...locals, cache: false });
    assert.match(html, /Page not found/);
    assert.equal(calls, 1);
  });
});
