// Validates tool inputs against the very schema the model was given, and words the errors so the
// model can fix its call: "`path` is required", "`start_line` must be an integer ≥ 1 (got 0)".
// The workspace tools' validators are generated at development time by ajv's standalone code
// (scripts/gen-validators.mjs), so the shipped engine does not carry ajv's compiler.
import type { ErrorObject } from 'ajv';
import * as generated from './generated/toolValidators';
import { schemaFingerprint } from './schemaFingerprint';

type Schema = { readonly type: 'object'; readonly [key: string]: unknown };
type PropSchema = { type?: unknown; minimum?: number; maximum?: number; minLength?: number; enum?: unknown[] };

/** An ajv validate function: true when valid, with the problems in `errors` otherwise. */
export type ValidateFunction = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export type SchemaCompiler = (schema: Schema) => ValidateFunction;

const precompiled = generated as unknown as Record<string, ValidateFunction | undefined> & { FINGERPRINTS: Record<string, string | undefined> };
let compiler: SchemaCompiler | undefined;
// Looked up once per schema object; a WeakMap so specs built at run time do not leak.
const resolved = new WeakMap<object, ValidateFunction>();

/**
 * Compiles schemas that have no generated validator (tests' own tools). Production has none: a tool
 * whose schema was not generated is refused as our bug rather than run unchecked.
 */
export function setSchemaCompiler(next: SchemaCompiler | undefined): void {
  compiler = next;
}

function validatorFor(toolName: string, schema: Schema): ValidateFunction {
  let fn = resolved.get(schema);
  if (!fn) {
    const own = precompiled[toolName];
    if (own && precompiled.FINGERPRINTS[toolName] === schemaFingerprint(schema)) fn = own;
    else if (compiler) fn = compiler(schema);
    else throw new Error(`no validator was generated for this schema of ${toolName}; run npm run gen:validators`);
    resolved.set(schema, fn);
  }
  return fn;
}

/** Undefined when the input is valid; otherwise one message listing every problem. */
export function validateInput(toolName: string, schema: Schema, input: unknown): string | undefined {
  const validate = validatorFor(toolName, schema);
  if (validate(input)) return undefined;
  const problems = [...new Set((validate.errors ?? []).map((e) => describeError(e, schema)))];
  return `Invalid input for ${toolName}: ${problems.join('; ')}. Fix the input and call the tool again.`;
}

function describeError(error: ErrorObject, schema: Schema): string {
  const field = fieldName(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `\`${joinField(field, String(error.params['missingProperty']))}\` is required`;
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema?.['properties'] as object | undefined) ?? {});
      const extra = String(error.params['additionalProperty']);
      return `unknown field \`${joinField(field, extra)}\`${allowed.length ? ` (allowed fields: ${allowed.join(', ')})` : ''}`;
    }
    case 'type':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'enum': {
      if (!field) return 'the input must be a JSON object';
      const prop = (error.parentSchema ?? propertySchema(schema, field)) as PropSchema;
      return `\`${field}\` must be ${expectation(prop)} (got ${show(error.data)})`;
    }
    default:
      return `${field ? `\`${field}\`` : 'the input'} ${error.message ?? 'is invalid'}`;
  }
}

/** "an integer between 1 and 500", "a non-empty string", "true or false"… from the property's schema. */
function expectation(prop: PropSchema): string {
  if (Array.isArray(prop.enum)) return `one of ${prop.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  switch (prop.type) {
    case 'integer':
    case 'number': {
      const noun = prop.type === 'integer' ? 'an integer' : 'a number';
      if (prop.minimum !== undefined && prop.maximum !== undefined) return `${noun} between ${prop.minimum} and ${prop.maximum}`;
      if (prop.minimum !== undefined) return `${noun} ≥ ${prop.minimum}`;
      if (prop.maximum !== undefined) return `${noun} ≤ ${prop.maximum}`;
      return noun;
    }
    case 'string':
      return prop.minLength && prop.minLength > 0 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return 'valid';
  }
}

function fieldName(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function joinField(parent: string, child: string): string {
  return parent ? `${parent}.${child}` : child;
}

function propertySchema(schema: Schema, field: string): unknown {
  const props = schema['properties'] as Record<string, unknown> | undefined;
  return props?.[field] ?? {};
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
