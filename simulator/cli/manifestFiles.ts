/** Read FILE|DIR arguments like `kubectl apply -R -f`: directories recursively, in a stable order. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LocatedError } from '../core/errors.js';
import { parseManifests } from '../manifest/index.js';
import type { ParsedManifest } from '../manifest/index.js';
import { isJsonObject } from '../cluster/types.js';
import type { KubeObject } from '../cluster/types.js';

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

/** Files under a directory (recursively, skipping dot entries), sorted so runs are reproducible. */
function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && MANIFEST_EXT.test(e.name)) out.push(p);
  }
}

export interface LoadResult {
  manifests: ParsedManifest[];
  errors: LocatedError[];
  files: string[];
}

/** `kind: List` (what `kubectl get -o yaml` prints) carries its objects in `items`. */
function expandLists(m: ParsedManifest, errors: LocatedError[]): ParsedManifest[] {
  const o = m.object;
  if (!(o.kind === 'List' && o.apiVersion === 'v1')) return [m];
  const items = o.items;
  if (!Array.isArray(items)) {
    errors.push({ file: m.file, line: m.line, column: 1, path: 'items', message: 'error validating data: items must be a list' });
    return [];
  }
  const out: ParsedManifest[] = [];
  items.forEach((item, i) => {
    if (!isJsonObject(item) || typeof item.apiVersion !== 'string' || typeof item.kind !== 'string') {
      errors.push({ file: m.file, line: m.line, column: 1, path: `items[${i}]`, message: 'error validating data: each item needs apiVersion and kind' });
      return;
    }
    const object = { ...item, metadata: isJsonObject(item.metadata) ? item.metadata : {} } as unknown as KubeObject;
    out.push({ ...m, object });
  });
  return out;
}

/** Read and parse every manifest named by `paths`; unreadable paths and bad documents become located errors. */
export function loadManifests(paths: string[]): LoadResult {
  const files: string[] = [];
  const errors: LocatedError[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      errors.push({ file: p, message: `the path "${p}" does not exist` });
      continue;
    }
    if (isDir) {
      const found: string[] = [];
      walk(p, found);
      if (found.length === 0) errors.push({ file: p, message: `no objects passed to apply: no .yaml, .yml or .json files in "${p}"` });
      files.push(...found);
    } else files.push(p); // a file named explicitly is read whatever its extension, like kubectl
  }
  const manifests: ParsedManifest[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      errors.push({ file, message: `cannot read file: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    const parsed = parseManifests(text, file);
    errors.push(...parsed.errors);
    for (const m of parsed.manifests) manifests.push(...expandLists(m, errors));
  }
  return { manifests, errors, files };
}
