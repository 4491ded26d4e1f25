// The GOV.UK Frontend partials (views/partials/govuk/) render the same HTML as GOV.UK Frontend's
// Nunjucks macros: each is checked against the component's own fixtures.json (the macro options
// and the HTML the macro renders for them), compared after normaliseHtml (whitespace and the
// spelling of character references only; attribute order counts). Also: text options are
// escaped, html options are not, and the footer options that go beyond the macro.
import assert from 'node:assert/strict';
import type { TemplateDelegate } from 'handlebars';
import { renderPartial, viewEngine } from '../../../src/views/engine';
import { helpers } from '../../../src/views/handlebars-helpers';
import { fixture, fixturesOf, normaliseHtml } from './govuk-fixtures';

/**
 * The fixtures each partial must match, by component and fixture name: every fixture
 * govuk-frontend 6.6 publishes for these components. A fixture renamed or removed upstream fails
 * "every listed fixture exists"; one added upstream fails "every published fixture is listed".
 */
const FIXTURES: Record<string, readonly string[]> = {
  button: [
    'default', 'default hover state', 'default active state', 'default focus state', 'disabled', 'link',
    'start', 'secondary', 'secondary hover state', 'secondary active state', 'secondary focus state',
    'secondary disabled', 'warning', 'warning hover state', 'warning active state', 'warning focus state',
    'warning disabled', 'inverse', 'inverse hover state', 'inverse active state', 'inverse focus state',
    'inverse disabled', 'attributes', 'link attributes', 'classes', 'link classes', 'name', 'type',
    'explicit link', 'value', 'html', 'no type', 'no data-prevent-double-click',
    "don't prevent double click", 'id', 'start link', 'start link with html', 'prevent double click',
  ],
  input: [
    'default', 'with hint text', 'with error message', 'with error and hint', 'with width-2 class',
    'with width-3 class', 'with width-4 class', 'with width-5 class', 'with width-10 class',
    'with width-20 class', 'with width-30 class', 'with label as page heading', 'with prefix', 'with suffix',
    'with prefix and suffix', 'with prefix and suffix and error',
    'with prefix and suffix and width modifier', 'with extra letter spacing', 'classes', 'id', 'custom type',
    'value', 'zero value', 'with describedBy', 'attributes', 'hint with describedBy',
    'error with describedBy', 'with error, hint and describedBy', 'inputmode',
    'with prefix with html as text', 'with prefix with html', 'with prefix with classes',
    'with prefix with attributes', 'with suffix with html as text', 'with suffix with html',
    'with suffix with classes', 'with suffix with attributes', 'with customised input wrapper',
    'with optional form-group classes', 'with autocomplete attribute', 'with pattern attribute',
    'with spellcheck enabled', 'with spellcheck disabled', 'with autocapitalize turned off', 'disabled',
  ],
  textarea: [
    'default', 'with hint', 'with error message', 'with default value', 'with custom rows',
    'with label as page heading', 'id', 'classes', 'attributes', 'with describedBy',
    'with hint and described by', 'with error message and described by', 'with hint and error message',
    'with hint, error message and described by', 'with optional form-group classes',
    'with autocomplete attribute', 'with spellcheck enabled', 'with spellcheck disabled',
  ],
  label: [
    'default', 'with bold text', 'styled as xl text', 'styled as large text', 'styled as medium text',
    'styled as small text', 'as page heading xl', 'as page heading l', 'as page heading m',
    'as page heading s', 'as page heading without class', 'empty', 'classes', 'html as text', 'html', 'for',
    'attributes',
  ],
  hint: [
    'default', 'with html', 'classes', 'id', 'html as text', 'attributes',
  ],
  'error-message': [
    'default', 'translated', 'id', 'classes', 'html as text', 'html', 'attributes',
    'with visually hidden text', 'visually hidden text removed',
  ],
  'date-input': [
    'default', 'with translations', 'with values', 'with values and name prefix',
    'with values, name prefix and custom names', 'day and month', 'day and month (using items)',
    'month and year', 'month and year (using items)', 'with errors only',
    'with errors only (using classes)', 'with errors only (using items)',
    'with errors only (using items and classes)', 'with error message and hint',
    'with error message and hint (using items)', 'with error on day input',
    'with error on day input (using items)', 'with error on month input',
    'with error on month input (using items)', 'with error on year input',
    'with error on year input (using items)', 'classes', 'attributes', 'with items', 'with empty items',
    'custom pattern', 'custom inputmode', 'with nested name', 'with id on items', 'suffixed id',
    'with item value', 'with field value', 'with field value and items', 'with field value and item value',
    'with field value, item value and values', 'with field value overriding values',
    'with hint and described by', 'with error message and described by', 'with error on single field',
    'with error on single field by omission', 'with error on single field using classes',
    'with error on single item', 'with error on single item by omission',
    'with error on single item using classes', 'fieldset html', 'items with classes',
    'items without classes', 'with optional form-group classes', 'with autocomplete values',
    'with input attributes',
  ],
  fieldset: [
    'default', 'styled as xl text', 'styled as large text', 'styled as medium text', 'styled as small text',
    'as page heading xl', 'as page heading l', 'as page heading m', 'as page heading s',
    'as page heading without class', 'html fieldset content', 'with describedBy', 'html as text', 'html',
    'legend classes', 'classes', 'role', 'attributes',
  ],
  radios: [
    'default', 'with hint', 'inline', 'with legend as page heading', 'with a divider', 'with hints on items',
    'without fieldset', 'with fieldset and error message', 'with very long option text',
    'with conditional items', 'with conditional item checked',
    'with optional form-group classes showing group error', 'small', 'small with long text',
    'small with error', 'small with hint', 'small with conditional reveal', 'small inline',
    'small with a divider', 'with idPrefix', 'minimal items and name', 'with falsy items',
    'fieldset with describedBy', 'attributes', 'items with attributes', 'with empty conditional',
    'label with classes', 'with hints on parent and items', 'with describedBy and hint',
    'with error message', 'with error message and idPrefix', 'with hint and error message',
    'with hint, error message and describedBy', 'label with attributes', 'fieldset params',
    'fieldset with html', 'with fieldset, error message and describedBy', 'item checked overrides value',
    'textarea in conditional', 'with disabled', 'prechecked using value',
    'with conditional items with special characters', 'with conditional items and pre-checked value',
  ],
  checkboxes: [
    'default', 'with hint', 'with pre-checked values', 'with divider and None',
    'with divider, None and conditional items', 'with hints on items', 'with legend as a page heading',
    'with error message', 'with very long option text', 'with conditional items',
    'with optional form-group classes showing group error', 'small', 'small with long text',
    'small with error', 'small with hint', 'small with conditional reveal', 'small with divider and None',
    'with id and name', 'with disabled item', 'with idPrefix', 'with falsy values', 'classes',
    'with fieldset describedBy', 'attributes', 'with checked item', 'items with attributes',
    'empty conditional', 'with label classes', 'multiple hints',
    'with conditional items with special characters', 'with error message and hint',
    'with error, hint and fieldset describedBy', 'label with attributes', 'fieldset params',
    'fieldset html params', "with single option set 'aria-describedby' on input, and describedBy",
    "with single option (and hint) set 'aria-describedby' on input, and describedBy",
    'with error and idPrefix', 'with error message and fieldset describedBy',
    'with conditional item checked', 'item checked overrides values', 'textarea in conditional',
  ],
  select: [
    'default', 'with hint text and error message', 'with label as page heading', 'with full width override',
    'with describedBy', 'attributes', 'attributes on items', 'with falsy items', 'hint',
    'hint and describedBy', 'error', 'error and describedBy', 'without values',
    'without values with selected value', 'with falsy values', 'item selected overrides value', 'id',
    'with selected value', 'with optional form-group classes',
  ],
  'error-summary': [
    'default', 'without links', 'mixed with and without links', 'with description only', 'with everything',
    'html as titleText', 'title html', 'description', 'html as descriptionText', 'description html',
    'classes', 'attributes', 'error list with attributes', 'error list with html as text',
    'error list with html', 'error list with html link', 'error list with html as text link',
    'autofocus disabled', 'autofocus explicitly enabled',
  ],
  'summary-list': [
    'default', 'with actions', 'no-border', 'no-border on last row', 'extreme',
    'as a summary card with a text header', 'as a summary card with a html header',
    'as a summary card with actions', 'as a summary card with actions plus summary list actions',
    'as a summary card extreme', 'attributes', 'with falsy values', 'key with html', 'key with classes',
    'value with html', 'actions href', 'actions with html', 'actions with classes',
    'actions with attributes', 'single action with anchor', 'classes on items', 'empty items array',
    'rows with classes', 'summary card with custom classes', 'summary card with custom attributes',
    'summary card with only 1 action', 'translated', 'with some actions', 'overridden-widths',
    'as a summary card with a custom header level',
  ],
  table: [
    'default', 'with head', 'with head and caption', 'classes', 'attributes', 'html as text', 'html',
    'head with classes', 'head with rowspan and colspan', 'head with attributes',
    'with firstCellIsHeader true', 'firstCellIsHeader with classes', 'firstCellIsHeader with html',
    'firstCellIsHeader with html as text', 'firstCellIsHeader with rowspan and colspan',
    'firstCellIsHeader with attributes', 'with falsy items', 'rows with classes',
    'rows with rowspan and colspan', 'rows with attributes',
    'with small text modifier for tables with a lot of data',
  ],
  tag: [
    'default', 'grey', 'turquoise', 'green', 'purple', 'pink', 'red', 'orange', 'yellow', 'attributes',
    'html as text', 'html',
  ],
  'task-list': [
    'default', 'forced hover state', 'with hint text and additional states', 'with all possible colours',
    'with very long single word tags', 'custom classes', 'custom attributes', 'custom id prefix',
    'html passed as text', 'html', 'with empty values',
  ],
  panel: [
    'default', 'interruption', 'interruption-with-content-with-long-line-length',
    'interruption-with-headings-content-and-lists', 'title html as text', 'title html', 'body html as text',
    'body html', 'classes', 'attributes', 'title with no body text', 'custom heading level',
    'interruption with custom classes', 'confirmation, with actions',
    'interruption, with actions classes and attributes', 'interruption, submit action',
    'interruption, button link', 'interruption, no actions', 'interruption, no actions items',
  ],
  'inset-text': [
    'default', 'with html', 'classes', 'id', 'html as text', 'attributes',
  ],
  'warning-text': [
    'default', 'multiple lines', 'attributes', 'classes', 'html', 'html as text', 'icon fallback text only',
    'no icon fallback text',
  ],
  'notification-banner': [
    'default', 'with text as html', 'with type as success', 'with long heading', 'with lots of content',
    'custom title', 'title as html', 'title html as text', 'custom title heading level', 'custom title id',
    'custom title id with type as success', 'custom text', 'html as text', 'custom role', 'classes',
    'attributes', 'with invalid type', 'auto-focus disabled, with type as success',
    'auto-focus explicitly enabled, with type as success',
    'role=alert overridden to role=region, with type as success', 'custom tabindex',
  ],
  'back-link': [
    'default', 'inverse', 'classes', 'html as text', 'html', 'with custom text and link', 'attributes',
  ],
  details: [
    'default', 'expanded', 'id', 'html as text', 'html', 'summary html as text', 'summary html', 'classes',
    'attributes', 'with html',
  ],
  'skip-link': [
    'default', 'with focus', 'no href', 'custom href', 'custom text', 'html as text', 'html', 'classes',
    'attributes',
  ],
  'service-navigation': [
    'default', 'with navigation with a current item', 'with large navigation', 'with HTML navigation items',
    'with non-link navigation items', 'with service name', 'with service link', 'with long service name',
    'with service name and navigation', 'inverse', 'with collapseNavigationOnMobile set to false',
    'with a single navigation item',
    'with a single navigation item and collapseNavigationOnMobile set to true', 'with no options set',
    'attributes', 'classes', 'with custom aria-label', 'with custom navigation toggle text',
    'with custom navigation toggle label', 'with identical navigation toggle text and label',
    'with custom navigation label', 'with custom navigation toggle text and navigation label',
    'with custom navigation classes', 'with custom navigation ID', 'with navigation having empty values',
    'with navigation having only empty values', 'with navigation being an empty array',
    'with navigation with an active item', 'with language navigation',
    'with right-aligned language navigation', 'inverse with language navigation', 'with slotted content',
    'with `inline` end slot',
  ],
  'generic-header': [
    'default', 'with image logo', 'with text and image logo', 'full width', 'attributes', 'classes',
    'custom url',
  ],
  footer: [
    'default', 'with custom HTML content licence and copyright notice',
    'with custom text content licence and copyright notice', 'with no content licence', 'with custom meta',
    'with only custom meta', 'with meta links and meta content', 'with only meta links',
    'with default width navigation (one column)', 'with default width navigation (two columns)',
    'with navigation', 'Full GDS example', 'Three equal columns', 'attributes', 'classes',
    'with container classes', 'with HTML passed as text content', 'with empty meta', 'with empty meta items',
    'with meta', 'meta html as text', 'with meta html', 'with meta item attributes', 'with empty navigation',
    'with navigation item attributes',
  ],
  'file-upload': [
    'default', 'with hint text', 'with error message and hint', 'with label as page heading', 'enhanced',
    'enhanced, with error message and hint', 'enhanced, multiple files',
    'enhanced, custom wrapper classes and attributes', 'with value', 'attributes', 'classes', 'id',
    'with describedBy', 'with hint and describedBy', 'error', 'with error and describedBy',
    'with error, describedBy and hint', 'translated, no javascript enhancement', 'allows multiple files',
    'disabled', 'with optional form-group classes', 'translated',
  ],
  'character-count': [
    'default', 'with hint', 'with hint and error', 'with default value',
    'with default value exceeding limit', 'with custom rows', 'with label as page heading', 'with maxwords',
    "with count type 'length'", "with count type 'characters'", "with count type 'characters' and value",
    "with count type 'characters' and error message", "with count type 'characters' and threshold",
    "with count type 'words'", "with count type 'words' and value",
    "with count type 'words' and error message", "with count type 'words' and threshold", 'with threshold',
    'with custom textarea description', 'classes', 'id', 'attributes', 'formGroup with classes',
    'custom classes on countMessage', 'spellcheck enabled', 'spellcheck disabled',
    'custom classes with error message', 'with id starting with number', 'with id with special characters',
    'with textarea maxlength attribute', 'to configure in JavaScript',
    'with neither maxlength nor maxwords set',
    'with neither maxlength, maxwords nor textarea description set', 'with translations',
  ],
};

const engine = viewEngine();

async function render(component: string, options: object): Promise<string> {
  return renderPartial(engine, `govuk/${component}`, options);
}

/** Renders a template source as a page would, with the engine's helpers and partials. */
async function renderTemplate(source: string, context: object): Promise<string> {
  const partials = (await engine.getPartials()) as Record<string, TemplateDelegate>;
  return engine.handlebars.compile(source, {})(context, { helpers: engine.helpers, partials });
}

describe('views: GOV.UK Frontend partials', () => {
  describe('the list of fixtures', () => {
    it('names only fixtures that govuk-frontend publishes', () => {
      const missing = Object.entries(FIXTURES).flatMap(([component, names]) => {
        const published = new Set(fixturesOf(component).map((f) => f.name));
        return names.filter((name) => !published.has(name)).map((name) => `${component}: ${name}`);
      });
      assert.deepEqual(missing, []);
    });

    it('lists every fixture govuk-frontend publishes for these components', () => {
      const unlisted = Object.entries(FIXTURES).flatMap(([component, names]) =>
        fixturesOf(component)
          .map((f) => f.name)
          .filter((name) => !names.includes(name))
          .map((name) => `${component}: ${name}`),
      );
      assert.deepEqual(unlisted, []);
    });
  });

  for (const [component, names] of Object.entries(FIXTURES)) {
    describe(`govuk/${component}`, () => {
      for (const name of names) {
        it(`matches the "${name}" fixture`, async () => {
          const { options, html } = fixture(component, name);
          assert.equal(normaliseHtml(await render(component, options)), normaliseHtml(html));
        });
      }
    });
  }

  describe('the comparison (normaliseHtml)', () => {
    const base = '<div class="a b" id="x">\n  <p>Some   <b>text</b></p>\n</div>';

    it('ignores indentation, runs of whitespace and how characters are escaped', () => {
      assert.equal(normaliseHtml(base), normaliseHtml('<div class="a  b" id="x"><p>Some <b>text</b></p></div>'));
      assert.equal(normaliseHtml('<p title="a=b">It&#39;s</p>'), normaliseHtml('<p title="a&#x3D;b">It&#x27;s</p>'));
    });

    it('sees a different text, attribute value, attribute order or element', () => {
      assert.notEqual(normaliseHtml(base), normaliseHtml(base.replace('text', 'test')));
      assert.notEqual(normaliseHtml(base), normaliseHtml(base.replace('id="x"', 'id="y"')));
      assert.notEqual(normaliseHtml(base), normaliseHtml('<div id="x" class="a b"><p>Some <b>text</b></p></div>'));
      assert.notEqual(normaliseHtml(base), normaliseHtml(base.replace('<b>text</b>', '<i>text</i>')));
      assert.notEqual(normaliseHtml(base), normaliseHtml(base.replace('Some   <b>', 'Some<b>')));
    });
  });

  describe('escaping', () => {
    const TEXT = '<script>alert("x")</script>';
    const HTML = '<b class="raw">bold</b>';

    /** Options with user text in every text option the pages use (and in attribute values). */
    const textCases: [string, object][] = [
      ['button', { text: TEXT, attributes: { 'data-x': TEXT } }],
      ['button', { text: TEXT, href: `/x?${TEXT}` }],
      ['label', { text: TEXT, for: TEXT }],
      ['hint', { text: TEXT, id: TEXT }],
      ['error-message', { text: TEXT, visuallyHiddenText: TEXT }],
      ['fieldset', { legend: { text: TEXT }, describedBy: TEXT }],
      ['input', { name: TEXT, value: TEXT, label: { text: TEXT }, hint: { text: TEXT }, errorMessage: { text: TEXT }, prefix: { text: TEXT } }],
      ['textarea', { name: 'n', value: TEXT, label: { text: TEXT } }],
      ['date-input', { id: 'd', fieldset: { legend: { text: TEXT } }, hint: { text: TEXT }, errorMessage: { text: TEXT }, values: { day: TEXT }, items: [{ name: 'day', label: TEXT }] }],
      ['select', { name: 'n', value: TEXT, label: { text: TEXT }, items: [{ value: TEXT, text: TEXT }] }],
      ['radios', { name: TEXT, fieldset: { legend: { text: TEXT } }, items: [{ value: TEXT, text: TEXT, hint: { text: TEXT } }, { divider: TEXT }] }],
      ['checkboxes', { name: TEXT, items: [{ value: TEXT, text: TEXT, hint: { text: TEXT } }] }],
      ['error-summary', { titleText: TEXT, descriptionText: TEXT, errorList: [{ text: TEXT, href: `#${TEXT}` }, { text: TEXT }] }],
      ['summary-list', { card: { title: { text: TEXT } }, rows: [{ key: { text: TEXT }, value: { text: TEXT }, actions: { items: [{ href: TEXT, text: TEXT, visuallyHiddenText: TEXT }] } }] }],
      ['table', { caption: TEXT, head: [{ text: TEXT }], rows: [[{ text: TEXT }, { text: TEXT, format: 'numeric' }]] }],
      ['tag', { text: TEXT }],
      ['task-list', { items: [{ title: { text: TEXT }, href: TEXT, hint: { text: TEXT }, status: { tag: { text: TEXT } } }] }],
      ['panel', { titleText: TEXT, text: TEXT }],
      ['inset-text', { text: TEXT }],
      ['warning-text', { text: TEXT, iconFallbackText: TEXT }],
      ['notification-banner', { titleText: TEXT, text: TEXT }],
      ['back-link', { text: TEXT, href: TEXT }],
      ['details', { summaryText: TEXT, text: TEXT }],
      ['skip-link', { text: TEXT, href: TEXT }],
      ['service-navigation', { serviceName: TEXT, serviceUrl: TEXT, navigation: [{ href: TEXT, text: TEXT, current: true }, { text: TEXT }] }],
      ['generic-header', { logoText: TEXT, url: TEXT }],
      ['footer', { meta: { items: [{ href: TEXT, text: TEXT }], text: TEXT }, contentLicence: { text: TEXT }, copyright: { text: TEXT } }],
      ['file-upload', { name: 'f', label: { text: TEXT }, javascript: true, chooseFilesButtonText: TEXT }],
      ['character-count', { name: 'c', maxlength: 10, label: { text: TEXT }, value: TEXT, textareaDescriptionText: TEXT }],
    ];

    for (const [component, options] of textCases) {
      it(`${component}: text options come out escaped`, async () => {
        const html = await render(component, options);
        assert.ok(!html.includes('<script'), html);
        assert.ok(!html.includes('"x")'), `an unescaped quote in:\n${html}`);
        assert.ok(html.includes('&lt;script&gt;'), html);
      });
    }

    const htmlCases: [string, object][] = [
      ['button', { html: HTML }],
      ['label', { html: HTML }],
      ['hint', { html: HTML }],
      ['error-message', { html: HTML }],
      ['fieldset', { legend: { html: HTML }, html: HTML }],
      ['input', { name: 'n', label: { html: HTML }, hint: { html: HTML } }],
      ['radios', { name: 'r', items: [{ value: 'y', html: HTML, conditional: { html: HTML } }] }],
      ['checkboxes', { name: 'c', items: [{ value: 'y', html: HTML }] }],
      ['error-summary', { titleHtml: HTML, errorList: [{ html: HTML, href: '#a' }] }],
      ['summary-list', { rows: [{ key: { html: HTML }, value: { html: HTML } }] }],
      ['table', { rows: [[{ html: HTML }]] }],
      ['tag', { html: HTML }],
      ['task-list', { items: [{ title: { html: HTML }, status: { html: HTML } }] }],
      ['panel', { titleHtml: HTML, html: HTML }],
      ['inset-text', { html: HTML }],
      ['warning-text', { html: HTML }],
      ['notification-banner', { html: HTML }],
      ['details', { summaryHtml: HTML, html: HTML }],
      ['service-navigation', { navigation: [{ href: '/', html: HTML }] }],
      ['footer', { meta: { html: HTML }, contentLicence: { html: HTML }, copyright: { html: HTML } }],
    ];

    for (const [component, options] of htmlCases) {
      it(`${component}: html options come out as HTML`, async () => {
        assert.ok((await render(component, options)).includes(HTML));
      });
    }

    it('escapes attribute names and values given in `attributes`', async () => {
      const html = await render('tag', { text: 't', attributes: { 'data-a': '" onclick="x', 'x" onclick="y': 'v' } });
      assert.ok(!html.includes('onclick="'), html);
      assert.equal(normaliseHtml(html).match(/<strong [^>]*>/)?.[0].includes('data-a="&quot; onclick=&quot;x"'), true, html);
    });

    it('ignores `attributes` given as a string of raw HTML', async () => {
      const html = await render('tag', { text: 't', attributes: ' onclick="x"' });
      assert.ok(!html.includes('onclick'), html);
    });
  });

  describe('govukAttributes (port of the macro of the same name)', () => {
    const attributes = (value: unknown): string => String(helpers.govukAttributes!(value));

    it('renders name="value" pairs, empty when the value is null or undefined', () => {
      assert.equal(attributes({ 'data-a': 'x', 'aria-hidden': true, 'data-n': 0, hidden: undefined, title: null }), ' data-a="x" aria-hidden="true" data-n="0" hidden="" title=""');
    });

    it('renders an optional attribute bare when true and not at all when null, undefined or false', () => {
      const optional = (value: unknown) => ({ value, optional: true });
      assert.equal(
        attributes({ a: optional(true), b: optional(false), c: optional(null), d: optional(undefined), e: optional(''), f: optional('v') }),
        ' a e="" f="v"',
      );
    });

    it('renders nothing for anything but an object', () => {
      assert.equal(attributes(undefined), '');
      assert.equal(attributes('onclick="x"'), '');
      assert.equal(attributes(['a']), '');
    });
  });

  describe('footer without Crown branding (options beyond the macro)', () => {
    const ours = {
      hideCrown: true,
      meta: { items: [{ href: '/accessibility', text: 'Accessibility statement' }, { href: '/privacy', text: 'Privacy' }] },
      contentLicence: { text: 'Content is available under the MIT licence', hideLogo: true },
      copyright: { text: '© Example Council', hideLogo: true },
    };

    it('renders no crown, no OGL logo or text and no Crown copyright crest or link', async () => {
      const html = await render('footer', ours);
      for (const absent of ['govuk-footer__crown', 'govuk-footer__licence-logo', 'govuk-footer__copyright-logo', 'nationalarchives.gov.uk', 'Open Government Licence', 'Crown', '<svg']) {
        assert.ok(!html.includes(absent), `found ${absent} in:\n${html}`);
      }
    });

    it('renders our meta links, licence text and copyright text in the GOV.UK footer structure', async () => {
      const html = normaliseHtml(await render('footer', ours));
      assert.ok(html.includes('<a class="govuk-footer__link" href="/accessibility">Accessibility statement</a>'), html);
      assert.ok(html.includes('<span class="govuk-footer__licence-description">Content is available under the MIT licence</span>'), html);
      assert.ok(html.includes('<div class="govuk-footer__meta-item">© Example Council</div>'), html);
    });

    it('links the copyright text to copyright.href when given', async () => {
      const html = normaliseHtml(await render('footer', { ...ours, copyright: { ...ours.copyright, href: '/copyright' } }));
      assert.ok(html.includes('<a class="govuk-footer__link" href="/copyright">© Example Council</a>'), html);
    });

    it('keeps the macro\'s crown, OGL logo and crest when the options are not given', async () => {
      const html = await render('footer', { contentLicence: { text: 'Ours' }, copyright: { text: 'Ours' } });
      for (const present of ['govuk-footer__crown', 'govuk-footer__licence-logo', 'govuk-footer__copyright-logo']) {
        assert.ok(html.includes(present), `no ${present} in:\n${html}`);
      }
    });
  });

  describe('fieldset as a partial block (the macro\'s `caller`)', () => {
    const expected = fixture('fieldset', 'html fieldset content');

    it('renders the block as the fieldset content', async () => {
      const html = await renderTemplate(
        '{{#> govuk/fieldset legend=legend}}<div class="my-content"><p>{{content}}</p></div>{{/govuk/fieldset}}',
        { legend: expected.options.legend, content: 'This is some content to put inside the fieldset' },
      );
      assert.equal(normaliseHtml(html), normaliseHtml(expected.html));
    });

    it('renders radios (which use it for their fieldset) inside another partial block', async () => {
      const radios = fixture('radios', 'with hint');
      const html = await renderTemplate('{{#> govuk/fieldset legend=legend}}{{> govuk/radios radios}}{{/govuk/fieldset}}', {
        legend: { text: 'Outer' },
        radios: radios.options,
      });
      assert.equal(normaliseHtml(html), normaliseHtml(`<fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend">Outer</legend>${radios.html}</fieldset>`));
    });

    it('renders its `html` content, not an outer block, when used without a block inside one', async () => {
      const html = await renderTemplate('{{#> govuk/fieldset legend=legend}}<p>outer</p>{{> govuk/fieldset html="<p>inner</p>"}}{{/govuk/fieldset}}', {
        legend: { text: 'Outer' },
      });
      assert.equal((html.match(/<p>outer<\/p>/g) ?? []).length, 1, html);
      assert.equal((html.match(/<p>inner<\/p>/g) ?? []).length, 1, html);
    });
  });
});
