/** Multi-document YAML (or JSON) → Kubernetes objects, with file/line/column on every error. */
import { parseEvents } from 'js-yaml';
import type { LocatedError } from '../core/errors.js';
import { isJsonObject } from '../cluster/types.js';
import type { JsonValue, KubeObject } from '../cluster/types.js';
import { Composer, ComposeError } from './compose.js';
import { MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_FILE_BYTES, MAX_LIST_ITEMS } from './limits.js';
import { relaxFlowIndentation } from './flowIndent.js';
import { LineIndex } from './positions.js';
import type { PosNode } from './positions.js';
import { splitDocuments, utf8Length } from './split.js';

export interface ParsedManifest {
  object: KubeObject;
  file?: string;
  /** 0-based index of the YAML document in its file. */
  doc: number;
  /** 1-based line where the object starts (its first key). */
  line: number;
  column: number;
  /** Index in the `items` of a `kind: List` document. */
  item?: number;
  /** Where every field of `object` is in the source (plain data; see `locateIn`). */
  pos: PosNode;
}

export interface ParseResult {
  manifests: ParsedManifest[];
  errors: LocatedError[];
}

const YAML_PREFIX = 'error converting YAML to JSON: yaml: ';

/** Decode bytes as UTF-8, rejecting what is not text (go-yaml: "invalid leading UTF-8 octet"). */
function decode(input: Uint8Array, file: string | undefined): { text: string } | { error: LocatedError } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input) };
  } catch {
    // Find the first bad byte to say where.
    let line = 1;
    let lineStart = 0;
    let i = 0;
    for (; i < input.length; i++) {
      const b = input[i]!;
      if (b === 0x0a) {
        line++;
        lineStart = i + 1;
      }
      if (b < 0x80) continue;
      const len = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
      let ok = len > 0 && i + len <= input.length;
      for (let j = 1; ok && j < len; j++) ok = (input[i + j]! & 0xc0) === 0x80;
      if (!ok) break;
      i += len - 1;
    }
    return { error: { file, line, column: i - lineStart + 1, message: `${YAML_PREFIX}invalid leading UTF-8 octet` } };
  }
}

function yamlReason(err: unknown): { reason: string; position?: number } {
  const e = err as { reason?: unknown; mark?: { position?: number } };
  const reason = typeof e?.reason === 'string' ? e.reason : err instanceof Error ? err.message : String(err);
  return { reason, position: e?.mark?.position };
}

/** Checks kubectl makes before sending a document: it must be an object with apiVersion and kind. */
function checkObject(doc: JsonValue): string | undefined {
  if (!isJsonObject(doc)) {
    const type = Array.isArray(doc) ? 'array' : typeof doc;
    return `unable to decode: json: cannot unmarshal ${type} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`;
  }
  const missing = [];
  if (typeof doc.apiVersion !== 'string' || !doc.apiVersion) missing.push('apiVersion not set');
  if (typeof doc.kind !== 'string' || !doc.kind) missing.push('kind not set');
  if (missing.length) return `error validating data: [${missing.join(', ')}]`;
  if (doc.metadata !== undefined && doc.metadata !== null && !isJsonObject(doc.metadata)) {
    return `unable to decode: json: cannot unmarshal ${Array.isArray(doc.metadata) ? 'array' : typeof doc.metadata} into Go struct field .metadata of type v1.ObjectMeta`;
  }
  return undefined;
}

function toManifest(value: JsonValue, pos: PosNode, file: string | undefined, doc: number, item?: number): ParsedManifest {
  const obj = value as unknown as KubeObject;
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  const m: ParsedManifest = { object: obj, file, doc, line: pos.line, column: pos.column, pos };
  if (item !== undefined) m.item = item;
  return m;
}

/**
 * Parse manifests. Never throws: every problem comes back in `errors` with file, line and column,
 * and the documents that are fine still come back in `manifests`.
 */
export function parseManifests(input: string | Uint8Array, file?: string): ParseResult {
  const manifests: ParsedManifest[] = [];
  const errors: LocatedError[] = [];
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.length > MAX_FILE_BYTES) {
      errors.push({ file, line: 1, column: 1, message: `file too large: ${input.length} bytes, limit is ${MAX_FILE_BYTES}` });
      return { manifests, errors };
    }
    const d = decode(input, file);
    if ('error' in d) return { manifests, errors: [d.error] };
    text = d.text;
  }
  if (text.length > MAX_FILE_BYTES) {
    errors.push({ file, line: 1, column: 1, message: `file too large: ${text.length} characters, limit is ${MAX_FILE_BYTES}` });
    return { manifests, errors };
  }
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // BOM: keep offsets, drop the mark
  const lines = new LineIndex(text);
  let docIndex = 0;
  for (const seg of splitDocuments(text)) {
    const at = (offset: number): { line: number; column: number } => lines.at(offset);
    const bytes = utf8Length(seg.text);
    if (bytes > MAX_DOCUMENT_BYTES) {
      // The API server refuses bodies over 3 MiB; do not even parse it.
      const body = seg.text.startsWith('---') ? seg.text.indexOf('\n') + 1 : 0;
      errors.push({ file, ...at(seg.offset + body), message: `Request entity too large: limit is ${MAX_DOCUMENT_BYTES}` });
      docIndex++;
      continue;
    }
    let composer: Composer;
    try {
      composer = compose(seg.text, seg.offset, text, lines, file);
    } catch (err) {
      const { reason, position } = yamlReason(err);
      const where = at(seg.offset + (position ?? 0));
      errors.push({ file, ...where, message: `${YAML_PREFIX}line ${where.line}: ${reason}` });
      docIndex++;
      continue;
    }
    for (;;) {
      let doc: ReturnType<Composer['nextDocument']>;
      try {
        doc = composer.nextDocument();
      } catch (err) {
        const offset = err instanceof ComposeError ? err.offset : seg.offset;
        const where = at(offset);
        const msg = err instanceof Error ? err.message : String(err);
        errors.push({ file, ...where, message: msg.startsWith('unmarshal') ? `${YAML_PREFIX}${msg}` : `${YAML_PREFIX}line ${where.line}: ${msg}` });
        docIndex++;
        break;
      }
      if (doc === undefined) break;
      const index = docIndex++;
      if ('empty' in doc) continue; // empty documents are skipped, like kubectl
      const problem = checkObject(doc.value);
      if (problem) {
        errors.push({ file, line: doc.pos.line, column: doc.pos.column, message: problem });
        continue;
      }
      const obj = doc.value as Record<string, JsonValue>;
      // `kind: List`, and typed lists like `ConfigMapList` (what `kubectl get -o yaml` prints).
      if ((obj.kind === 'List' && obj.items !== undefined) || (String(obj.kind).endsWith('List') && Array.isArray(obj.items))) {
        expandList(obj, doc.pos, file, index, manifests, errors);
        continue;
      }
      manifests.push(toManifest(doc.value, doc.pos, file, index));
    }
  }
  return { manifests, errors };
}

/** Events for one document segment; on js-yaml's "deficient indentation" retry as libyaml reads it. */
function compose(segText: string, offset: number, fileText: string, lines: LineIndex, file: string | undefined): Composer {
  try {
    return new Composer(parseEvents(segText, { filename: file, maxDepth: MAX_DEPTH }), segText, offset, lines);
  } catch (err) {
    const relaxed = relaxFlowIndentation(segText);
    if (relaxed === segText || !(err instanceof Error) || !err.message.includes('deficient indentation')) throw err;
    try {
      // Positions of the relaxed text: same lines, a few columns further right on re-indented lines.
      return new Composer(parseEvents(relaxed, { filename: file, maxDepth: MAX_DEPTH }), relaxed, offset, new LineIndex(fileText.slice(0, offset) + relaxed));
    } catch {
      throw err; // the original error says where the real problem is
    }
  }
}

/** `kind: List` (what `kubectl get -o yaml` prints): each item is a manifest of its own. */
function expandList(list: Record<string, JsonValue>, pos: PosNode, file: string | undefined, doc: number, out: ParsedManifest[], errors: LocatedError[]): void {
  const items = list.items;
  const itemsAt = pos.keys ? pos.values![pos.keys.indexOf('items')] : undefined;
  if (!Array.isArray(items)) {
    errors.push({ file, line: itemsAt?.line ?? pos.line, column: itemsAt?.column ?? pos.column, path: 'items', message: 'error validating data: items must be a list' });
    return;
  }
  if (items.length > MAX_LIST_ITEMS) {
    errors.push({ file, line: pos.line, column: pos.column, path: 'items', message: `too many items in List: ${items.length}, limit is ${MAX_LIST_ITEMS}` });
    return;
  }
  items.forEach((item, i) => {
    const ip = itemsAt?.items?.[i] ?? pos;
    const problem = checkObject(item);
    if (problem) errors.push({ file, line: ip.line, column: ip.column, path: `items[${i}]`, message: problem });
    else out.push(toManifest(item, ip, file, doc, i));
  });
}
