/**
 * One YAML document (lab.yaml, a scenario file) as a plain value plus the position of every node, so a
 * validation error can say file, line and column. Reuses the manifest composer (limits, duplicate keys).
 */
import { parseEvents } from 'js-yaml';
import type { LocatedError } from '../core/errors.js';
import type { JsonValue } from '../cluster/types.js';
import { Composer, ComposeError } from '../manifest/compose.js';
import { MAX_DEPTH } from '../manifest/limits.js';
import { findPosition, LineIndex } from '../manifest/index.js';
import type { PathSegment, PosNode } from '../manifest/index.js';

export interface YamlDoc {
  value: JsonValue;
  pos: PosNode;
  file: string;
}

/** The first document of `text`, or the located parse error. An empty file is an error too. */
export function parseYamlDoc(text: string, file: string): { doc: YamlDoc } | { error: LocatedError } {
  const lines = new LineIndex(text);
  try {
    const composer = new Composer(parseEvents(text, { filename: file, maxDepth: MAX_DEPTH }), text, 0, lines);
    const doc = composer.nextDocument();
    if (doc === undefined || 'empty' in doc) return { error: { file, line: 1, column: 1, message: 'the file is empty' } };
    return { doc: { value: doc.value, pos: doc.pos, file } };
  } catch (err) {
    const e = err as { reason?: unknown; mark?: { position?: number } };
    const offset = err instanceof ComposeError ? err.offset : (e.mark?.position ?? 0);
    const where = lines.at(offset);
    const reason = typeof e.reason === 'string' ? e.reason : err instanceof Error ? err.message : String(err);
    return { error: { file, ...where, message: `invalid YAML: ${reason}` } };
  }
}

/** `steps[1].checks[0].object` → `["steps", 1, "checks", 0, "object"]` printed back the same way. */
export function formatSegments(path: readonly PathSegment[]): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

/** A located error at `path` of the document (its nearest existing parent when the field is missing). */
export function errorAt(doc: YamlDoc, path: readonly PathSegment[], message: string): LocatedError {
  const at = findPosition(doc.pos, path);
  return { file: doc.file, line: at.line, column: at.column, path: formatSegments(path), message };
}
