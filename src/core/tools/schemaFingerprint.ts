// A short fingerprint of a JSON schema (FNV-1a over its JSON), so a precompiled validator is only used
// for the exact schema it was generated from.
export function schemaFingerprint(schema: unknown): string {
  const text = JSON.stringify(schema);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16).padStart(8, '0')}-${text.length}`;
}
