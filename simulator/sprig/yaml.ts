/**
 * Helm's toYaml/fromYaml. toYaml is sigs.k8s.io/yaml: json.Marshal, then go-yaml v2's emitter, so keys
 * are sorted, sequences sit at their parent key's indent, integral numbers print as integers, strings that
 * would read back as another type are double-quoted ("yes", "1.0", ""), strings with indicators are
 * single-quoted ('a: b'), multi-line strings are literal blocks (|, |-, |+), and lines are never wrapped.
 */
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { GoTime, fromJsonData, isMap, isNil, sortedKeys, type GoMap, type GoValue } from '../gotemplate/value.js';
import { formatG } from '../gotemplate/fmt.js';
import { FuncError } from './convert.js';
import { jsonFloat } from './json.js';

const YAML_SCHEMA = CORE_SCHEMA.withTags(mergeTag);

/** Would go-yaml v2 resolve this plain scalar to something other than a string? */
function resolvesNonString(s: string): boolean {
  if (s === '' || s === '~' || s === '<<') return true;
  if (/^(null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
  if (/^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0o?[0-7]*|[1-9][0-9]*|0)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d{1,2}-\d{1,2}(([Tt]|\s+)\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?(\s*(Z|[-+]\d{1,2}(:?\d{2})?))?)?$/.test(s)) return true; // timestamp
  return false;
}

/** yaml_emitter_is_printable, for the "special characters" that force double quotes. */
function printable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000;
}

interface Analysis {
  plain: boolean;
  single: boolean;
  block: boolean;
  multiline: boolean;
}

/** yaml_emitter_analyze_scalar, block context. */
function analyze(s: string): Analysis {
  const chars = [...s];
  let indicators = s.startsWith('---') || s.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let spaceBreak = false;
  let breakSpace = false;
  const isSpace = (ch: string | undefined): boolean => ch === ' ';
  const isBreak = (ch: string | undefined): boolean => ch === '\n' || ch === '\r';
  const blankz = (ch: string | undefined): boolean => ch === undefined || isSpace(ch) || ch === '\t' || isBreak(ch);
  chars.forEach((ch, i) => {
    const next = chars[i + 1];
    const prev = chars[i - 1];
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) indicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && blankz(next)) indicators = true;
    } else {
      if (ch === ':' && blankz(next)) indicators = true;
      if (ch === '#' && blankz(prev)) indicators = true;
    }
    if (!printable(ch.codePointAt(0)!)) special = true;
    if (isBreak(ch)) lineBreaks = true;
    if (isSpace(ch) && isBreak(next)) spaceBreak = true;
    if (isBreak(ch) && isSpace(next)) breakSpace = true;
  });
  const leadingSpace = isSpace(chars[0]) || isBreak(chars[0]);
  const trailingSpace = isSpace(chars.at(-1));
  const trailingBreak = isBreak(chars.at(-1));
  let plain = !(indicators || leadingSpace || trailingSpace || trailingBreak || lineBreaks);
  let single = true;
  let block = !trailingSpace;
  if (spaceBreak || special) plain = single = block = false;
  if (breakSpace) plain = single = false;
  return { plain, single, block, multiline: lineBreaks };
}

const ESCAPES: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 27: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const esc = ESCAPES[c];
    if (esc !== undefined) out += `\\${esc}`;
    else if (!printable(c) || c === 0xfeff) out += c <= 0xff ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}` : c <= 0xffff ? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** A string scalar; `indent` is where a literal block's lines go; `key` for a mapping key (no blocks). */
function scalarString(s: string, indent: number, key: boolean): string {
  const a = analyze(s);
  const wantLiteral = s.includes('\n');
  if (wantLiteral && !key && a.block) {
    const pad = ' '.repeat(indent);
    const hint = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
    const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
    const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
    const body = trailing > 0 ? s.slice(0, s.length - 1) : s;
    return `|${hint}${chomp}\n${body
      .split('\n')
      .map((l) => (l === '' ? '' : pad + l))
      .join('\n')}`;
  }
  if (!wantLiteral && !resolvesNonString(s)) {
    if (a.plain) return s;
    if (a.single) return `'${s.replace(/'/g, "''")}'`;
  }
  return doubleQuoted(s);
}

/** A float64 after the JSON round trip: integral values within int64 come back as integers. */
function number(f: number): string {
  const json = jsonFloat(f);
  if (/^-?\d+$/.test(json) && Math.abs(f) < 2 ** 63) return json;
  return formatG(f);
}

function scalar(v: GoValue, indent: number): string | undefined {
  if (isNil(v)) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return number(v);
  if (typeof v === 'string') return scalarString(v, indent, false);
  if (v instanceof GoTime) return scalarString(new Date(v.ms).toISOString().replace('.000Z', 'Z'), indent, false);
  if (typeof v === 'function') throw new FuncError('json: unsupported type: func()');
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isMap(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

/** Lines of a block node at `indent`. */
function block(v: GoValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = scalar(item, indent + 2);
      if (s !== undefined) out.push(`${pad}- ${s}`);
      else {
        // The first line of the nested node shares the dash's line.
        const inner = block(item, indent + 2);
        out.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
      }
    }
    return out;
  }
  const m = v as GoMap;
  for (const k of sortedKeys(m)) {
    const key = scalarString(k, indent, true);
    const val = m[k];
    const s = scalar(val, indent + 2);
    if (s !== undefined) out.push(`${pad}${key}: ${s}`);
    else out.push(`${pad}${key}:`, ...block(val, Array.isArray(val) ? indent : indent + 2));
  }
  return out;
}

/** yaml.Marshal of a Go value, without the final newline (Helm trims it). */
export function toYaml(v: GoValue): string {
  const s = scalar(v, 0);
  if (s !== undefined) return s;
  return block(v, 0).join('\n');
}

function yamlMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  return `error converting YAML to JSON: yaml: ${msg}`;
}

/** sigs.k8s.io/yaml.Unmarshal into interface{}: numbers float64, as Helm's values are. */
export function parseYaml(text: string): GoValue {
  return fromJsonData(load(text, { schema: YAML_SCHEMA }), 'float64');
}

/** Helm's fromYaml: a map, or {Error: …}. */
export function helmFromYaml(text: string): GoMap {
  try {
    const v = parseYaml(text);
    if (isMap(v)) return v;
    if (isNil(v)) return {};
    return { Error: `error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}` };
  } catch (e) {
    return { Error: yamlMessage(e) };
  }
}

export function helmFromYamlArray(text: string): GoValue[] {
  try {
    const v = parseYaml(text);
    if (Array.isArray(v)) return v;
    return ['error unmarshaling JSON: json: cannot unmarshal object into Go value of type []interface {}'];
  } catch (e) {
    return [yamlMessage(e)];
  }
}
