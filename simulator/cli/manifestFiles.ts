/** Read FILE|DIR arguments like `kubectl apply -R -f`: directories recursively, in a stable order. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LocatedError } from '../core/errors.js';
import { parseManifests } from '../manifest/index.js';
import type { ParsedManifest } from '../manifest/index.js';
import type { Sandbox } from '../sandbox.js';
import { applyManifests } from './applyManifests.js';
import type { ApplyResult } from './applyManifests.js';
import { errorText } from './flags.js';

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
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      errors.push({ file, message: `cannot read file: ${errorText(err)}` });
      continue;
    }
    // Bytes, so the parser can report text that is not UTF-8 where it starts.
    const parsed = parseManifests(bytes, file);
    errors.push(...parsed.errors);
    manifests.push(...parsed.manifests);
  }
  return { manifests, errors, files };
}

export interface FilesApplied extends ApplyResult {
  /** Objects the files held (applied or not). */
  objects: number;
}

/** `kubectl apply -f PATH...`: load the files, apply what parsed; errors of both steps, loading first. */
export function applyFiles(sandbox: Sandbox, paths: string[]): FilesApplied {
  const loaded = loadManifests(paths);
  const result = applyManifests(sandbox, loaded.manifests);
  return { applied: result.applied, errors: [...loaded.errors, ...result.errors], objects: loaded.manifests.length };
}
