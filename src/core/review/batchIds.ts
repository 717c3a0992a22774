// custom_id values for the files of a batch: the API allows `^[a-zA-Z0-9_-]{1,64}$` and needs them unique.
// `f<index>_<path tail>` stays unique through the index and readable in logs through the path.

export const CUSTOM_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_LENGTH = 64;

export function customIdFor(path: string, index: number): string {
  const prefix = `f${index}_`;
  const slug = path.replace(/[^a-zA-Z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'file';
  // Keep the end of long paths: the file name says more than the leading folders.
  return prefix + slug.slice(-(MAX_LENGTH - prefix.length));
}

/** custom_id → path for `paths`, in order. */
export function customIdsFor(paths: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  paths.forEach((p, i) => (out[customIdFor(p, i)] = p));
  return out;
}
