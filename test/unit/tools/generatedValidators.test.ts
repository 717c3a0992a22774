// The generated tool validators (scripts/gen-validators.mjs) must match the tools' schemas exactly and
// judge inputs as ajv compiling the schema at run time would: same verdict, same problems.
import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import * as generated from '../../../src/core/tools/generated/toolValidators';
import { WORKSPACE_TOOLS } from '../../../src/core/tools';
import { schemaFingerprint } from '../../../src/core/tools/schemaFingerprint';
import { validateInput } from '../../../src/core/tools/inputValidation';

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ keyword: string; instancePath: string }> | null };
const compiled = generated as unknown as Record<string, Validate> & { FINGERPRINTS: Record<string, string> };

const SAMPLES: unknown[] = [
  {},
  null,
  'a string',
  [],
  { path: '' },
  { path: 'src/a.ts' },
  { path: 'src/a.ts', start_line: 0, end_line: 2.5 },
  { path: 'src/a.ts', start_line: 3, end_line: 9 },
  { path: 'a', content: 'x' },
  { path: 'a', content: 7 },
  { path: 'a', old_text: 'x', new_text: 'y' },
  { path: 'a', old_text: '', new_text: 'y', extra: true },
  { query: 'needle' },
  { query: 'needle', is_regex: 'yes', max_results: 0, include: '**/*.ts' },
  { pattern: '**/*.md', recursive: true },
  { recursive: 'no' },
];

describe('generated tool validators', () => {
  it('exist for every workspace tool and were generated from its current schema (else: npm run gen:validators)', () => {
    for (const tool of WORKSPACE_TOOLS) {
      assert.equal(typeof compiled[tool.name], 'function', `no generated validator for ${tool.name}`);
      assert.equal(compiled.FINGERPRINTS[tool.name], schemaFingerprint(tool.inputSchema), `${tool.name}'s schema changed since the validators were generated`);
    }
  });

  it('give the same verdicts and problems as ajv compiling the schema at run time', () => {
    const ajv = new Ajv({ allErrors: true, verbose: true });
    for (const tool of WORKSPACE_TOOLS) {
      const reference = ajv.compile(tool.inputSchema);
      for (const input of SAMPLES) {
        const own = compiled[tool.name]!;
        const ok = own(input);
        assert.equal(ok, reference(input), `${tool.name} on ${JSON.stringify(input)}`);
        const problems = (v: Validate | typeof reference) => (v.errors ?? []).map((e) => `${e.keyword}@${e.instancePath}`).sort();
        assert.deepEqual(problems(own), problems(reference), `${tool.name} problems on ${JSON.stringify(input)}`);
      }
    }
  });

  it('word the problems for the model', () => {
    const read = WORKSPACE_TOOLS.find((t) => t.name === 'read_file')!;
    assert.equal(validateInput('read_file', read.inputSchema, { path: 'a', start_line: 0 }), 'Invalid input for read_file: `start_line` must be an integer ≥ 1 (got 0). Fix the input and call the tool again.');
  });
});
