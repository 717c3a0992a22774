import assert from 'node:assert/strict';
import { validateFindings } from '../../../src/core/review';

const ok = (input: unknown, lineCount = 10, bounds?: { first: number; last: number }) => {
  const v = validateFindings(input, lineCount, bounds);
  assert.ok(v.ok, v.ok ? '' : v.error);
  return v;
};
const base = { severity: 'warning', line: 3, title: 'Divides by zero', detail: 'An empty list gives NaN.' };

describe('finding validation', () => {
  it('passes a well-formed report through unchanged', () => {
    const input = { summary: ' Mostly fine. ', findings: [{ ...base, endLine: 4, suggestion: '  if (!values.length) return 0;\n  return sum / values.length;' }, { severity: 'info', line: 1, title: 't', detail: 'd' }] };
    const v = ok(input);
    assert.deepEqual(v.issues, []);
    assert.deepEqual(v.report, {
      summary: 'Mostly fine.',
      findings: [
        { severity: 'warning', line: 3, endLine: 4, title: 'Divides by zero', detail: 'An empty list gives NaN.', suggestion: '  if (!values.length) return 0;\n  return sum / values.length;' },
        { severity: 'info', line: 1, title: 't', detail: 'd' },
      ],
    });
  });

  it('refuses a report that is not an object or has no findings array, with a clear error', () => {
    for (const bad of [undefined, null, 'text', [1], { summary: 's' }, { summary: 's', findings: { a: 1 } }]) {
      const v = validateFindings(bad, 10);
      assert.equal(v.ok, false, JSON.stringify(bad));
      if (!v.ok) assert.match(v.error, /findings|object/);
    }
    const v = validateFindings({ summary: 's', findings: 42 }, 10);
    assert.ok(!v.ok && v.error === '"findings" must be an array of findings (got 42).');
  });

  it('repairs findings sent as a JSON string, and a missing summary', () => {
    const v = ok({ findings: JSON.stringify([base]) });
    assert.equal(v.report.findings.length, 1);
    assert.equal(v.report.summary, '');
    assert.deepEqual(v.issues.map((i) => i.action), ['repaired', 'repaired']);
  });

  it('drops findings with a bad severity, no line, or no text, and says why', () => {
    const v = ok({
      summary: 's',
      findings: [base, { ...base, severity: 'blocker' }, { ...base, line: 'three' }, { severity: 'info', line: 2 }, 'oops', { ...base, severity: 'CRITICAL' }],
    });
    assert.deepEqual(v.report.findings.map((f) => f.severity), ['warning', 'critical']);
    assert.deepEqual(v.issues.map((i) => [i.index, i.action]), [[1, 'dropped'], [2, 'dropped'], [3, 'dropped'], [4, 'dropped']]);
    assert.match(v.issues[0]!.problem, /severity.*critical, warning or info.*"blocker"/);
    assert.match(v.issues[1]!.problem, /"line" must be a line number/);
  });

  it('clamps lines into the file and drops the suggestion that was written for other lines', () => {
    const v = ok({ summary: 's', findings: [{ ...base, line: 9, endLine: 14, suggestion: 'x' }, { ...base, line: 0 }, { ...base, line: -5, endLine: 2 }] }, 10);
    assert.deepEqual(v.report.findings.map((f) => [f.line, f.endLine]), [[9, 10], [1, undefined], [1, 2]]);
    assert.equal(v.report.findings[0]!.suggestion, undefined);
    assert.deepEqual(v.issues.map((i) => i.action), ['clamped', 'suggestionDropped', 'clamped', 'clamped']);
  });

  it('clamps into the reviewed selection', () => {
    const v = ok({ summary: 's', findings: [{ ...base, line: 2 }, { ...base, line: 30, endLine: 31 }] }, 50, { first: 10, last: 20 });
    assert.deepEqual(v.report.findings.map((f) => [f.line, f.endLine]), [[10, undefined], [20, undefined]]);
  });

  it('orders a reversed range, accepts numeric strings, floors fractions', () => {
    const v = ok({ summary: 's', findings: [{ ...base, line: 6, endLine: 4 }, { ...base, line: '7', endLine: 8.9 }] });
    assert.deepEqual(v.report.findings.map((f) => [f.line, f.endLine]), [[4, 6], [7, 8]]);
  });

  it('takes a missing title from the detail and keeps the detail', () => {
    const v = ok({ summary: 's', findings: [{ severity: 'info', line: 1, detail: 'Use const.\nIt is never reassigned.' }] });
    assert.equal(v.report.findings[0]!.title, 'Use const.');
    assert.equal(v.issues[0]!.action, 'repaired');
  });

  it('cleans suggestions: one trailing newline, and line numbers copied from the prompt', () => {
    const v = ok({ summary: 's', findings: [{ ...base, suggestion: 'a\nb\n' }, { ...base, line: 3, endLine: 4, suggestion: '3|   const x = 1;\n4|   return x;' }, { ...base, suggestion: 42 }] });
    assert.equal(v.report.findings[0]!.suggestion, 'a\nb');
    assert.equal(v.report.findings[1]!.suggestion, '  const x = 1;\n  return x;');
    assert.equal(v.report.findings[2]!.suggestion, undefined);
    assert.deepEqual(v.issues.map((i) => i.action), ['repaired', 'suggestionDropped']);
  });

  it('an empty file still gets line 1', () => {
    const v = ok({ summary: 's', findings: [{ ...base, line: 5 }] }, 0);
    assert.equal(v.report.findings[0]!.line, 1);
  });
});
