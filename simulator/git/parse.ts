/**
 * Parsers for the raw bodies of git objects (after `type size\0`): trees, commits and tags. Used by the
 * synchronous read path, which reads our own loose objects without isomorphic-git's async API.
 */
import type { TreeEntry } from 'isomorphic-git';
import type { GitSignature } from './types.js';

const decoder = new TextDecoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export interface RawObject {
  type: 'blob' | 'tree' | 'commit' | 'tag';
  body: Uint8Array;
}

export interface ParsedCommit {
  tree: string;
  parent: string[];
  author: Required<GitSignature>;
  committer: Required<GitSignature>;
  message: string;
}

export interface ParsedTag {
  object: string;
  type: string;
  tag: string;
  message: string;
}

/** `type size\0body` → type and body; undefined when the header does not match the content. */
export function splitWrapped(wrapped: Uint8Array): RawObject | undefined {
  const nul = wrapped.indexOf(0);
  if (nul < 0) return undefined;
  const [type, size] = decoder.decode(wrapped.subarray(0, nul)).split(' ');
  if (type !== 'blob' && type !== 'tree' && type !== 'commit' && type !== 'tag') return undefined;
  if (Number(size) !== wrapped.length - nul - 1) return undefined;
  return { type, body: wrapped.subarray(nul + 1) };
}

/** Binary tree entries `mode name\0<20-byte id>`, with modes as isomorphic-git reports them. */
export function parseTree(body: Uint8Array): TreeEntry[] {
  const out: TreeEntry[] = [];
  let i = 0;
  while (i < body.length) {
    const space = body.indexOf(0x20, i);
    const nul = body.indexOf(0, space);
    let mode = decoder.decode(body.subarray(i, space));
    if (mode === '40000') mode = '040000';
    const path = decoder.decode(body.subarray(space + 1, nul));
    let oid = '';
    for (let k = nul + 1; k < nul + 21; k++) oid += HEX[body[k]!];
    const type = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    out.push({ mode, path, oid, type });
    i = nul + 21;
  }
  return out;
}

/** `Name <email> 1700000000 +0130` → a signature (offset in git's minutes convention, UTC+1:30 → -90). */
function parseSignature(line: string): Required<GitSignature> {
  const m = /^(.*) <(.*)> (\d+) ([+-])(\d\d)(\d\d)$/.exec(line);
  if (!m) return { name: line, email: '', timestamp: 0, timezoneOffset: 0 };
  const minutes = Number(m[5]) * 60 + Number(m[6]);
  const offset = m[4] === '-' ? minutes : -minutes;
  return { name: m[1]!, email: m[2]!, timestamp: Number(m[3]), timezoneOffset: offset === 0 ? 0 : offset };
}

function headers(body: Uint8Array): { fields: [string, string][]; message: string } {
  const text = decoder.decode(body);
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const fields: [string, string][] = [];
  for (const line of head.split('\n')) {
    // Continuation lines (gpgsig) start with a space and belong to the previous field.
    if (line.startsWith(' ') && fields.length > 0) fields[fields.length - 1]![1] += `\n${line.slice(1)}`;
    else {
      const sp = line.indexOf(' ');
      fields.push([line.slice(0, sp), line.slice(sp + 1)]);
    }
  }
  return { fields, message: end < 0 ? '' : text.slice(end + 2) };
}

export function parseCommit(body: Uint8Array): ParsedCommit {
  const { fields, message } = headers(body);
  const get = (k: string): string => fields.find(([f]) => f === k)?.[1] ?? '';
  return {
    tree: get('tree'),
    parent: fields.filter(([f]) => f === 'parent').map(([, v]) => v),
    author: parseSignature(get('author')),
    committer: parseSignature(get('committer')),
    message,
  };
}

export function parseTag(body: Uint8Array): ParsedTag {
  const { fields, message } = headers(body);
  const get = (k: string): string => fields.find(([f]) => f === k)?.[1] ?? '';
  return { object: get('object'), type: get('type'), tag: get('tag'), message };
}
