// HTML kept with holes (src/views/kept-html.ts): the value goes back where the template printed
// the marker, escaped or not as the template did; a template that changes a marker is rendered
// with the values themselves; empty text is no hole; text that looks like a marker stays text.
import assert from 'node:assert/strict';
import Handlebars from 'handlebars';
import { KeptHtml, punchHoles } from '../../../src/views/kept-html';

/** A template kept by its holed context's other fields, counting its renders. */
function keptTemplate(source: string, holes: string[]) {
  const template = Handlebars.compile(source);
  const kept = new KeptHtml(10);
  const calls = { n: 0 };
  const render = (context: Record<string, unknown>) => {
    const holed = punchHoles(context, holes);
    const key = JSON.stringify({ ...holed.context, ...Object.fromEntries(holes.map((h) => [h, typeof holed.context[h]])) });
    return (
      kept.html(key, holed.values, () => {
        calls.n++;
        return template(holed.context);
      }) ?? template(context)
    );
  };
  return { render, calls, template };
}

describe('views: HTML kept with holes', () => {
  it('puts each value back escaped where the template escaped it, and as it is where it did not', () => {
    const { render, calls, template } = keptTemplate('<p title="{{a}}">{{a}}</p>{{{b}}}<i>{{b}}</i>', ['a', 'b']);
    for (const [a, b] of [
      ['one', '<b>two</b>'],
      ['<x> & "y" = `z`', '<em>it&#39;s</em>'],
      ["it's", 'plain'],
    ]) {
      assert.equal(render({ a, b }), template({ a, b }), `${a} / ${b}`);
    }
    assert.equal(calls.n, 1, 'rendered once, given again with new values');
  });

  it('renders with the values themselves when the template changes a marker', () => {
    Handlebars.registerHelper('shout', (text: string) => text.toUpperCase());
    const { render, template } = keptTemplate('<p>{{shout a}}</p>', ['a']);
    assert.equal(render({ a: 'quiet' }), '<p>QUIET</p>');
    assert.equal(render({ a: 'still' }), template({ a: 'still' }));
    Handlebars.unregisterHelper('shout');
  });

  it('makes no hole of empty text, or of anything but text', () => {
    assert.deepEqual(punchHoles({ a: '', c: 3, d: null, e: ['x'] }, ['a', 'c', 'd', 'e']).values, []);
    const holed = punchHoles({ a: 'words', b: 'kept' }, ['a']);
    assert.deepEqual(holed.values, ['words']);
    assert.equal(holed.context['b'], 'kept');
    assert.notEqual(holed.context['a'], 'words');
  });

  it('a value that looks like a marker stays text', () => {
    const { render, template } = keptTemplate('<p>{{a}}</p><p>{{b}}</p>', ['a']);
    const forged = '\u0000hole:0000000000000000=0\u0000';
    assert.equal(render({ a: 'real', b: forged }), template({ a: 'real', b: forged }));
    assert.equal(render({ a: `in ${forged} a hole`, b: forged }), template({ a: `in ${forged} a hole`, b: forged }));
    assert.equal(render({ a: 'again', b: 'plain' }), template({ a: 'again', b: 'plain' }));
  });
});
