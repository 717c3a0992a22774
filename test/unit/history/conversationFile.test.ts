import assert from 'node:assert/strict';
import { CURRENT_SCHEMA, ConversationFormatError, NewerSchemaError, isConversationId, migrate, parseConversation } from '../../../src/core/history/conversationFile';

const V1 = { schema: 1, id: 'abc-123', title: 'T', createdAt: 1, updatedAt: 2, revision: 3, messages: [{ role: 'user', content: 'hi' }] };

describe('conversation file format', () => {
  it('reads the current schema as it is', () => {
    const c = parseConversation(JSON.stringify(V1));
    assert.deepEqual(c, V1);
    assert.equal(c.schema, CURRENT_SCHEMA);
  });

  it('migrates v0 (no schema field, ISO dates) to v1', () => {
    const v0 = { id: 'old-1', title: 'Before schemas', created: '2025-01-02T03:04:05.000Z', updated: '2025-01-03T00:00:00.000Z', messages: [{ role: 'user', content: 'hello' }] };
    const c = parseConversation(JSON.stringify(v0));
    assert.equal(c.schema, 1);
    assert.equal(c.createdAt, Date.parse('2025-01-02T03:04:05.000Z'));
    assert.equal(c.updatedAt, Date.parse('2025-01-03T00:00:00.000Z'));
    assert.equal(c.revision, 1);
    assert.equal(c.title, 'Before schemas');
    assert.deepEqual(c.messages, v0.messages);
    assert.ok(!('created' in c) && !('updated' in c), 'the old fields are gone');
  });

  it('migrates a v0 file without title or updated date', () => {
    const c = parseConversation(JSON.stringify({ id: 'old-2', created: '2025-01-02T00:00:00Z', messages: [] }));
    assert.equal(c.title, '');
    assert.equal(c.updatedAt, c.createdAt);
  });

  it('refuses a newer schema without calling it corrupt', () => {
    assert.throws(() => migrate({ ...V1, schema: 2 }), (e: unknown) => e instanceof NewerSchemaError && e.schema === 2);
  });

  it('rejects what is not a conversation with a format error', () => {
    const bad = ['{', '[]', '"x"', JSON.stringify({ ...V1, id: '../escape' }), JSON.stringify({ ...V1, messages: [{ role: 'system', content: 'x' }] }), JSON.stringify({ ...V1, revision: 'x' }), JSON.stringify({ ...V1, messages: {} }), JSON.stringify({ ...V1, schema: -1 })];
    for (const text of bad) assert.throws(() => parseConversation(text), ConversationFormatError, text);
  });

  it('ids are safe file names', () => {
    assert.ok(isConversationId('m3k2x1-0af3c9d1'));
    for (const id of ['', '../x', 'a/b', 'A', 'a.b', 'a\\b', '-a', 'x'.repeat(65)]) assert.equal(isConversationId(id), false, id);
  });
});
