/** Turn field paths (from validation errors) into file/line/column. */
import { ApiError } from '../core/errors.js';
import type { LocatedError } from '../core/errors.js';
import { parseManifests } from './parse.js';
import type { ParsedManifest } from './parse.js';
import { findPosition } from './positions.js';
import type { PathSegment } from './positions.js';

export interface Located {
  file?: string;
  line: number;
  column: number;
  path: string;
  /** False when the field is not in the source (a missing field): the position is its nearest parent. */
  exact: boolean;
}

/** Where `path` (e.g. `spec.template.spec.containers[0].image`) is in a parsed manifest. */
export function locateIn(manifest: ParsedManifest, path: string | readonly PathSegment[]): Located {
  const found = findPosition(manifest.pos, path);
  const p = typeof path === 'string' ? path : path.join('.');
  return { file: manifest.file, line: found.line, column: found.column, path: p, exact: found.exact };
}

/** Where `path` is in document `doc` (0-based, counting List items as their own) of a YAML text. */
export function locate(text: string, path: string, doc = 0): { line: number; column: number } | undefined {
  const m = parseManifests(text).manifests[doc];
  if (!m) return undefined;
  const { line, column } = locateIn(m, path);
  return { line, column };
}

/** An error from the store (ApiError with `status.details.causes[].field`) as a LocatedError in the manifest's file. */
export function locateApiError(manifest: ParsedManifest, err: unknown): LocatedError {
  if (!(err instanceof ApiError)) {
    return { file: manifest.file, line: manifest.line, column: manifest.column, message: err instanceof Error ? err.message : String(err) };
  }
  const field = err.status.details?.causes?.find((c) => c.field)?.field;
  if (!field) return { file: manifest.file, line: manifest.line, column: manifest.column, message: err.message };
  const at = locateIn(manifest, field);
  err.location = { file: manifest.file, line: at.line, column: at.column, path: field };
  return { file: manifest.file, line: at.line, column: at.column, path: field, message: err.message };
}

/** Every cause of an ApiError, each at its own line (for editors that show one marker per field). */
export function locateApiCauses(manifest: ParsedManifest, err: ApiError): LocatedError[] {
  const causes = err.status.details?.causes ?? [];
  if (causes.length === 0) return [locateApiError(manifest, err)];
  return causes.map((c) => {
    if (!c.field) return { file: manifest.file, line: manifest.line, column: manifest.column, message: c.message };
    const at = locateIn(manifest, c.field);
    return { file: manifest.file, line: at.line, column: at.column, path: c.field, message: `${c.field}: ${c.message}` };
  });
}
