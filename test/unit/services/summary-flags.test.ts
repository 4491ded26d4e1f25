// What an assessment summary must not say (src/services/summaries/flags.ts): a panel member's name
// and a price, found as a person would write them, and not found in words that only look alike.
import assert from 'node:assert/strict';
import { explanationFlags } from '../../../src/services/summaries/flags';

const SOURCES = { members: ['Sam Okafor', 'Priya Shah', 'Tom Reid'], prices: [{ key: 'A', price: '100000' }, { key: 'B', price: '80000.50' }] };
const flagsOf = (text: string) => explanationFlags([{ bid: 'A', criterion: 'safety', title: 'Keeping people safe', text }], SOURCES).map((f) => [f.kind, f.found, f.why]);

describe('summary flags', () => {
  it("finds a member's whole name in any case, or a part of it as the panel list writes it", () => {
    assert.deepEqual(flagsOf('As sam okafor said, the lead is named.'), [['member-name', 'sam okafor', 'the name of a panel member (Sam Okafor)']]);
    assert.deepEqual(flagsOf('Okafor felt the plan was weak.'), [['member-name', 'Okafor', 'the name of a panel member (Sam Okafor)']]);
    assert.deepEqual(flagsOf('Tom and Priya agreed.'), [
      ['member-name', 'Priya', 'the name of a panel member (Priya Shah)'],
      ['member-name', 'Tom', 'the name of a panel member (Tom Reid)'],
    ]);
  });

  it('does not flag words that only contain a name, or a name part written in lower case', () => {
    assert.deepEqual(flagsOf('Tommy Samson shah tomorrow: the shared plan is sound.'), []);
  });

  it('finds an amount in pounds, and a figure equal to a bid price however it is written', () => {
    assert.deepEqual(flagsOf('They pay £15 an hour.'), [['price', '£15', 'an amount of money']]);
    assert.deepEqual(flagsOf('A budget of £100k.'), [['price', '£100k', 'an amount of money: the price of bid A']]);
    assert.deepEqual(flagsOf('Their bid of 100,000 was high.'), [['price', '100,000', 'a figure equal to the price of bid A (£100,000)']]);
    assert.deepEqual(flagsOf('Costed at 80000.50 in total.'), [['price', '80000.50', 'a figure equal to the price of bid B (£80,000.50)']]);
    assert.deepEqual(flagsOf('Some 100 k over the others.'), [['price', '100 k', 'a figure equal to the price of bid A (£100,000)']]);
  });

  it('leaves other figures alone: scores, section numbers, years, hours', () => {
    assert.deepEqual(flagsOf('Scored 3 of 4 in section 2; 24 hours a day since 2019; 1000000 visits a year.'), []);
  });
});
