// Reading rubric and pack text: a byte-order mark from a Windows tool is not part of the data, and a
// JSON syntax error is named on one line.
import assert from 'node:assert/strict';
import { parseDataText } from '../../../src/services/data-files';

const BOM = '\uFEFF';

describe('data files: reading rubric and pack text', () => {
  it('reads JSON that starts with a UTF-8 byte-order mark', () => {
    assert.deepEqual(parseDataText('pack.json', `${BOM}{ "format": "tender-pack/1" }`), { ok: true, data: { format: 'tender-pack/1' } });
  });

  it('reads YAML that starts with a UTF-8 byte-order mark, the same as JSON', () => {
    assert.deepEqual(parseDataText('rubric.yaml', `${BOM}format: rubric/1\n`), { ok: true, data: { format: 'rubric/1' } });
  });

  it('counts a null character’s column without the byte-order mark', () => {
    const loaded = parseDataText('pack.yaml', `${BOM}ab\u0000`);
    assert.equal(loaded.ok, false);
    assert.equal(!loaded.ok && loaded.problems[0]!.path, 'line 1, column 3');
  });

  it('keeps a byte-order mark anywhere but the start as text (it is refused as JSON)', () => {
    const loaded = parseDataText('pack.json', `{ "format": "tender-pack/1" }${BOM}`);
    assert.equal(loaded.ok, false);
  });

  it('names a JSON syntax error on one line, even when the quoted text spans lines', () => {
    const loaded = parseDataText('pack.json', '{\n  "format": "tender-pack/1",\n  "tender": \n}\n');
    assert.equal(loaded.ok, false);
    const problems = loaded.ok ? [] : loaded.problems;
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.path, '(file)');
    assert.match(problems[0]!.message, /^is not valid JSON \(Unexpected token .*"tender": .*\); expected a JSON object$/);
    assert.doesNotMatch(problems[0]!.message, /[\r\n]/);
  });
});
