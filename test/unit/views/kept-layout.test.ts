// The main layout kept per page chrome (src/views/kept-layout.ts): it reads no field beyond
// LAYOUT_FIELDS (read from the template itself), and the pages it gives, rendered and given again
// with other titles, nonces, tokens, names and bodies, are byte for byte what express-handlebars
// renders with the page's whole options.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { handlebarsEngine, viewEngine, VIEWS_DIR } from '../../../src/views/engine';
import { LAYOUT_FIELDS, LAYOUT_HOLES } from '../../../src/views/kept-layout';
import { renderView, viewApp } from './view-app';

/** The fields a template reads from its own context: every path that is not a helper, a partial's name or @data. */
function fieldsRead(template: string): Set<string> {
  const fields = new Set<string>();
  const visitor = new Handlebars.Visitor();
  const call = (node: { path: hbs.AST.PathExpression | hbs.AST.Expression; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }, isHelper: boolean) => {
    if (!isHelper) visitor.accept(node.path as hbs.AST.Node);
    for (const param of node.params) visitor.accept(param);
    if (node.hash) visitor.accept(node.hash);
  };
  visitor.PathExpression = (node: hbs.AST.PathExpression) => {
    if (!node.data && node.parts.length > 0 && node.depth === 0) fields.add(node.parts[0]!);
  };
  visitor.MustacheStatement = (node: hbs.AST.MustacheStatement) => call(node, node.params.length > 0 || node.hash !== undefined);
  visitor.SubExpression = (node: hbs.AST.SubExpression) => call(node, true);
  visitor.BlockStatement = (node: hbs.AST.BlockStatement) => {
    call(node, true);
    if (node.program) visitor.accept(node.program);
    if (node.inverse) visitor.accept(node.inverse);
  };
  visitor.PartialStatement = (node: hbs.AST.PartialStatement) => {
    for (const param of node.params) visitor.accept(param);
    if (node.hash) visitor.accept(node.hash);
  };
  visitor.accept(Handlebars.parse(template));
  return fields;
}

describe('views: the main layout kept per page chrome', () => {
  it('reads only the fields it is given, and finds each of them in the template', () => {
    const read = fieldsRead(readFileSync(path.join(VIEWS_DIR, 'layouts', 'main.hbs'), 'utf8'));
    assert.deepEqual([...read].sort(), [...LAYOUT_FIELDS].sort());
    for (const hole of LAYOUT_HOLES) assert.ok((LAYOUT_FIELDS as readonly string[]).includes(hole), hole);
  });

  it('finds a field a template reads, inside blocks, partial calls and helpers', () => {
    const read = fieldsRead('{{#if a}}{{b.c}}{{> p (obj x=d) y=e}}{{else}}{{concat f "g"}}{{@index}}{{/if}}');
    assert.deepEqual([...read].sort(), ['a', 'b', 'd', 'e', 'f']);
  });

  it('gives the page express-handlebars renders from the whole options, rendered and given again', async () => {
    const stock = viewApp(handlebarsEngine());
    const kept = viewApp(viewEngine());
    const navigation = [
      { href: '/panel', text: 'Home', active: true },
      { href: '/panel/tasks', text: 'Your scores', active: false },
    ];
    const base = { serviceName: 'Evaluate a care tender', pageTitle: 'Words we use', cspNonce: 'n0nce+/=', csrfToken: 'token=1', unrelated: 'not in the layout' };
    const contexts: object[] = [
      base,
      { ...base, pageTitle: 'Another page', cspNonce: 'other=nonce', csrfToken: 'other' },
      { ...base, signedIn: true, navigation, actorName: 'Sam <Bench> & "Co"', backHref: '/panel' },
      { ...base, signedIn: true, navigation, actorName: 'Pat', pageTitle: 'Error: <b>bold</b> = `x`', backHref: '/panel' },
      { ...base, signedIn: true, navigation, actorName: '', largeText: true, pageTitle: '' },
      { ...base, signedIn: true, navigation, actorName: 'Jo', supporting: { memberName: 'Ali <A>', forClaim: false } },
      { ...base, signedIn: true, navigation, actorName: 'Jo', supporting: { memberName: 'Ali', forClaim: true }, cspNonce: 'with\u0000NUL' },
    ];
    for (const [i, context] of contexts.entries()) {
      const expected = await renderView(stock, 'pages/glossary/glossary', context);
      assert.ok(expected.includes('<!DOCTYPE html>'));
      assert.equal(await renderView(kept, 'pages/glossary/glossary', context), expected, `context ${i}, rendered`);
      assert.equal(await renderView(kept, 'pages/glossary/glossary', context), expected, `context ${i}, given again`);
    }
  });

  it('leaves another layout, or none, to express-handlebars, on the first render and after', async () => {
    const stock = viewApp(handlebarsEngine());
    const kept = viewApp(viewEngine());
    const base = { serviceName: 'Evaluate a care tender', pageTitle: 'Words we use', cspNonce: 'n', csrfToken: 't' };
    for (const layout of [false, 'print', undefined, 'main']) {
      const context = { ...base, layout };
      const expected = await renderView(stock, 'pages/glossary/glossary', context);
      for (const time of ['first', 'again']) assert.equal(await renderView(kept, 'pages/glossary/glossary', context), expected, `layout ${String(layout)}, ${time}`);
    }
  });
});
