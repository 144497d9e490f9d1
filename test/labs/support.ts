/** Lab tests: the repository's lab/scenario folders as the `{ path: text }` map the engine reads. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LabSession, loadLab } from '../../simulator/labs/index.js';
import type { CheckResult, FileMap } from '../../simulator/labs/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Every file under `dir` (relative to the repo root), keyed by its repo-relative path. */
export function readFiles(...dirs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[relative(ROOT, p).split(sep).join('/')] = readFileSync(p, 'utf8');
    }
  };
  for (const d of dirs) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  return out;
}

export async function startLab(files: FileMap, root: string): Promise<LabSession> {
  const r = loadLab(files, root);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  return LabSession.start(r.lab, files, r.root);
}

export const failing = (rs: CheckResult[]): string => rs.filter((r) => !r.ok).map((r) => `✘ ${r.name}: ${r.reason}`).join('\n');
