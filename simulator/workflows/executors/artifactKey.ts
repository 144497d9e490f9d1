/**
 * ArtifactLocation.AppendToKey: an argument artifact's `subPath` (already substituted) is joined onto
 * the resolved artifact's key (`path.Join`), so the consumer downloads only that file or directory.
 */
import { isObj } from '../../cluster/types.js';
import type { Artifact } from '../nodes/types.js';

/** The key field of each artifact driver (s3/gcs/oss: key, azure: blob, hdfs: path, http/artifactory: url). */
const KEY_FIELD: Record<string, string> = { s3: 'key', gcs: 'key', oss: 'key', azure: 'blob', hdfs: 'path', artifactory: 'url', http: 'url', huggingface: 'key' };

/** path.Join: cleaned, slash-joined, no trailing slash (`a/` + `b.txt` → `a/b.txt`). */
function joinPath(a: string, b: string): string {
  const abs = a.startsWith('/');
  const out: string[] = [];
  for (const part of `${a}/${b}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined || '.';
}

/** A copy of `art` whose location key ends in `subPath`. */
export function appendToKey(art: Artifact, subPath: string): Artifact {
  for (const [driver, field] of Object.entries(KEY_FIELD)) {
    const loc = (art as Record<string, unknown>)[driver];
    if (!isObj(loc)) continue;
    const key = typeof loc[field] === 'string' ? (loc[field] as string) : '';
    // URLs keep their scheme: only the path part is joined.
    const m = field === 'url' ? /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(key) : null;
    const next = m ? `${m[1] ?? ''}${joinPath(m[2] || '/', subPath)}` : joinPath(key, subPath);
    return { ...art, [driver]: { ...loc, [field]: next } } as Artifact;
  }
  // No keyed location (e.g. raw): nothing to extend.
  return art;
}
