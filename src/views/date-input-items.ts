// The items of GOV.UK Frontend's date input (port of the item logic in
// components/date-input/template.njk): which box is the day, the month or the year, its name, id,
// value, label, width and error class. views/partials/govuk/date-input.hbs renders them.

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
/** Nunjucks' `default(value, fallback)`: the fallback only when the value is undefined. */
const ifUndefined = (value: unknown, fallback: unknown): unknown => (value === undefined ? fallback : value);
/** Nunjucks' `capitalize`. */
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
const valueOf = (part: unknown): unknown => (isMapping(part) ? part['value'] : undefined);
const hasClass = (classes: unknown, part: string): boolean => typeof classes === 'string' && classes.includes(part);

export interface DateInputItem {
  id: string;
  name: string;
  value: unknown;
  label: string;
  classes: string;
  inputmode: unknown;
  autocomplete: unknown;
  pattern: unknown;
  attributes: unknown;
}

export function dateInputItems(params: unknown): DateInputItem[] {
  const p = isMapping(params) ? params : {};
  const values = isMapping(p['values']) ? p['values'] : {};
  // `day: false` (and the like) leaves that box out.
  const part = (name: string, width: number): unknown => ifUndefined(p[name], { name, value: values[name], classes: `govuk-input--width-${width}` });
  const [day, month, year] = [part('day', 2), part('month', 2), part('year', 4)];
  const given = Array.isArray(p['items']) ? p['items'] : [];
  const items: unknown[] = given.length > 0 ? given : [day, month, year];
  const anyItemHasError = items.some((item) => isMapping(item) && (Boolean(item['error']) || hasClass(item['classes'], 'govuk-input--error')));
  const namePrefix = p['namePrefix'] ? `${str(p['namePrefix'])}-` : '';

  return items.filter(isMapping).map((item) => {
    const name = item['name'];
    const is = (part: unknown, plain: string) => item === part || (Boolean(name) && (name === plain || (isMapping(part) && name === part['name'])));
    let itemName = str(name);
    let itemValue = item['value'];
    let width = 2;
    if (is(day, 'day')) {
      itemName = str(name || 'day');
      itemValue = ifUndefined(item['value'], valueOf(day));
    } else if (is(month, 'month')) {
      itemName = str(name || 'month');
      itemValue = ifUndefined(item['value'], valueOf(month));
    } else if (is(year, 'year')) {
      itemName = str(name || 'year');
      itemValue = ifUndefined(item['value'], valueOf(year));
      width = 4;
    }
    const classes = item['classes'];
    const itemHasError = Boolean(item['error']) || hasClass(classes, 'govuk-input--error');
    const extra: string[] = [];
    // Nunjucks' `!=` is loose: undefined counts as "not false".
    if (!hasClass(classes, 'govuk-input--error') && (itemHasError || (item['error'] != false && Boolean(p['errorMessage']) && !anyItemHasError))) extra.push('govuk-input--error');
    if (!hasClass(classes, 'govuk-input--width-')) extra.push(`govuk-input--width-${width}`);
    if (classes) extra.push(str(classes));
    const itemClasses = extra.join(' ').trim();
    return {
      id: item['id'] ? str(item['id']) : `${str(p['id'])}-${itemName}`,
      name: namePrefix + itemName,
      value: ifUndefined(itemValue, values[namePrefix + itemName]),
      label: item['label'] ? str(item['label']) : capitalize(itemName),
      classes: `govuk-date-input__input${itemClasses ? ` ${itemClasses}` : ''}`,
      inputmode: item['inputmode'] ? item['inputmode'] : 'numeric',
      autocomplete: item['autocomplete'],
      pattern: item['pattern'],
      attributes: item['attributes'],
    };
  });
}
