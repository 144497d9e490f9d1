/** Multi-document YAML → Kubernetes objects, with file/line/column on every error. */
import yaml from 'js-yaml';
import type { LocatedError } from '../core/errors.js';
import { isJsonObject } from '../cluster/types.js';
import type { KubeObject } from '../cluster/types.js';

export interface ParsedManifest {
  object: KubeObject;
  file?: string;
  /** 0-based index of the YAML document in its file. */
  doc: number;
  /** 1-based line where the document starts. */
  line: number;
}

export interface ParseResult {
  manifests: ParsedManifest[];
  errors: LocatedError[];
}

/** Line (1-based) where each `---`-separated document starts. */
function docStartLines(text: string): number[] {
  const starts = [1];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (/^---(\s|$)/.test(lines[i]!) && i > 0) starts.push(i + 2);
  return starts;
}

export function parseManifests(text: string, file?: string): ParseResult {
  const manifests: ParsedManifest[] = [];
  const errors: LocatedError[] = [];
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text, { filename: file, maxAliases: 100 });
  } catch (err) {
    const mark = (err as { mark?: { line: number; column: number } }).mark;
    const reason = (err as { reason?: string }).reason ?? (err instanceof Error ? err.message : String(err));
    errors.push({ file, line: mark ? mark.line + 1 : undefined, column: mark ? mark.column + 1 : undefined, message: `error converting YAML to JSON: ${reason}` });
    return { manifests, errors };
  }
  const starts = docStartLines(text);
  docs.forEach((doc, i) => {
    const line = starts[Math.min(i + (text.startsWith('---') ? 1 : 0), starts.length - 1)] ?? 1;
    if (doc === null || doc === undefined) return; // empty documents are skipped, like kubectl
    if (!isJsonObject(doc)) {
      errors.push({ file, line, column: 1, message: `error validating data: expected a YAML mapping (an object), got ${Array.isArray(doc) ? 'a list' : typeof doc}` });
      return;
    }
    if (typeof doc.apiVersion !== 'string' || !doc.apiVersion) {
      errors.push({ file, line, column: 1, path: 'apiVersion', message: 'error validating data: apiVersion not set' });
      return;
    }
    if (typeof doc.kind !== 'string' || !doc.kind) {
      errors.push({ file, line, column: 1, path: 'kind', message: 'error validating data: kind not set' });
      return;
    }
    if (doc.metadata !== undefined && !isJsonObject(doc.metadata)) {
      errors.push({ file, line, column: 1, path: 'metadata', message: 'error validating data: metadata must be an object' });
      return;
    }
    const object = { ...doc, metadata: doc.metadata ?? {} } as unknown as KubeObject;
    manifests.push({ object, file, doc: i, line });
  });
  return { manifests, errors };
}
