import assert from 'node:assert/strict';
import { isComplete, parsePartialJson } from '../../../src/core/review/partialJson';
import { ReportProseStream, renderReport } from '../../../src/core/review/reportProse';

const REPORT = {
  findings: [
    { severity: 'critical', line: 3, endLine: 4, title: 'SQL injection', detail: 'The query is built from user input.\nUse a parameter.', suggestion: 'db.query("SELECT * FROM t WHERE id = ?", [id]);' },
    { severity: 'info', line: 9, title: 'Name', detail: 'Call it `total`.' },
  ],
  summary: 'One serious problem; fix the query first.',
};

/** Feeds `json` in chunks of `size` and returns the appended text and the final result. */
function stream(json: string, size: number, input: unknown = JSON.parse(json)) {
  const s = new ReportProseStream({ languageId: 'ts' });
  let shown = '';
  for (let i = 0; i < json.length; i += size) shown += s.push(json.slice(i, i + size));
  const end = s.finish(input);
  return { shown: shown + end.append, end };
}

describe('partial JSON', () => {
  it('parses a prefix and reports the open path', () => {
    const p = parsePartialJson('{"findings":[{"severity":"warn');
    assert.deepEqual(p.value, { findings: [{ severity: 'warn' }] });
    assert.deepEqual(p.open, ['findings', 0, 'severity']);
    assert.equal(isComplete(p, ['findings']), false);
    assert.equal(isComplete(p, ['summary']), true);
  });

  it('treats numbers, literals, keys and escapes at the cut as open', () => {
    assert.deepEqual(parsePartialJson('{"line": 1').open, ['line']);
    assert.deepEqual(parsePartialJson('{"a": tr').value, {});
    assert.deepEqual(parsePartialJson('{"ti').value, {});
    assert.deepEqual(parsePartialJson('{"t": "a\\').value, { t: 'a' });
    assert.deepEqual(parsePartialJson('{"t": "a\\u00').value, { t: 'a' });
    assert.deepEqual(parsePartialJson('{"t": "a\\n\\u00e9"}'), { value: { t: 'a\né' } });
    assert.deepEqual(parsePartialJson('{"a": [1, 2], "b": null}'), { value: { a: [1, 2], b: null } });
    assert.deepEqual(parsePartialJson(''), { value: undefined, open: [] });
  });

  it('equals JSON.parse on every complete document', () => {
    const json = JSON.stringify({ ...REPORT, extra: [true, false, null, -1.5e3, { nested: 'x"y' }] });
    assert.deepEqual(parsePartialJson(json), { value: JSON.parse(json) });
  });
});

describe('report prose', () => {
  it('renders findings (severity, lines, title, detail, fix) and the closing summary', () => {
    const text = renderReport({ value: REPORT }, { languageId: 'ts' });
    assert.equal(
      text,
      '**1. Critical** · lines 3–4 · SQL injection\n\nThe query is built from user input.\nUse a parameter.\n\n' +
        'Suggested fix:\n\n```ts\ndb.query("SELECT * FROM t WHERE id = ?", [id]);\n```\n\n' +
        '**2. Info** · line 9 · Name\n\nCall it `total`.\n\n' +
        '**Summary.** One serious problem; fix the query first.',
    );
    assert.equal(renderReport({ value: { findings: [], summary: '' } }), 'No findings.');
    assert.match(renderReport({ value: { findings: [{ severity: 'info', line: 1, title: 't', detail: 'd', suggestion: 'a ``` b' }], summary: 's' } }), /````\na ``` b\n````/);
  });

  it('streams by appending only, whatever the chunk size, and ends with the whole text', () => {
    const json = JSON.stringify(REPORT);
    const whole = renderReport({ value: REPORT }, { languageId: 'ts' });
    for (const size of [1, 2, 5, 16, 1000]) {
      const { shown, end } = stream(json, size);
      assert.equal(shown, whole, `chunks of ${size}`);
      assert.equal(end.replace, false);
    }
  });

  it('streams the detail while it is written, not the header before it is known', () => {
    const s = new ReportProseStream();
    assert.equal(s.push('{"findings":[{"severity":"warning","line":3,"tit'), '');
    assert.equal(s.push('le":"Leak","detail":"The han'), '**1. Warning** · line 3 · Leak\n\nThe han');
    assert.equal(s.push('dle is never closed."'), 'dle is never closed.\n\n');
  });

  it('a model that writes fields out of order gets the final text as a replacement', () => {
    const reordered = { findings: [{ severity: 'warning', line: 3, title: 'T', detail: 'D', endLine: 5 }], summary: 'S' };
    const { end } = stream(JSON.stringify(reordered), 3);
    assert.equal(end.replace, true);
    assert.equal(end.text, renderReport({ value: reordered }));
  });

  it('a summary written before the findings still comes last', () => {
    const first = { summary: 'All good.', findings: [{ severity: 'info', line: 1, title: 'T', detail: 'D' }] };
    const { shown, end } = stream(JSON.stringify(first), 4);
    assert.equal(end.replace, false);
    assert.ok(shown.endsWith('**Summary.** All good.'));
  });

  it('malformed JSON shows nothing more instead of throwing', () => {
    const s = new ReportProseStream();
    assert.equal(s.push('{"findings": x'), '');
  });
});
