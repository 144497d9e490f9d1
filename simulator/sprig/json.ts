/** Go's encoding/json for template values (Helm's toJson/fromJson, sprig's toPrettyJson/toRawJson). */
import { GoTime, isMap, isNil, sortedKeys, fromJsonData, type GoMap, type GoValue } from '../gotemplate/value.js';
import { FuncError } from './convert.js';

/** A float64 as encoding/json writes it: plain decimals, exponent form below 1e-6 or from 1e21. */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new FuncError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return f.toExponential().replace(/e([+-])(\d)$/, 'e$1$2');
  return String(f);
}

/** A Go encoding/json string literal (html = true: json.Marshal's default escaping of <, >, &). */
export function jsonString(s: string, html: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x2028 || c === 0x2029 || (html && (ch === '<' || ch === '>' || ch === '&'))) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** json.Marshal (html = true escapes <, >, & as Go does by default) or MarshalIndent with `indent`. */
export function marshalJson(v: GoValue, opts: { html?: boolean; indent?: string } = {}): string {
  const html = opts.html ?? true;
  const ind = opts.indent;
  const enc = (x: GoValue, depth: number): string => {
    if (isNil(x)) return 'null';
    if (typeof x === 'boolean') return String(x);
    if (typeof x === 'bigint') return String(x);
    if (typeof x === 'number') return jsonFloat(x);
    if (typeof x === 'string') return jsonString(x, html);
    if (typeof x === 'function') throw new FuncError('json: unsupported type: func()');
    if (x instanceof GoTime) return jsonString(new Date(x.ms).toISOString().replace('.000Z', 'Z'), html);
    const nl = ind === undefined ? '' : `\n${ind.repeat(depth + 1)}`;
    const end = ind === undefined ? '' : `\n${ind.repeat(depth)}`;
    const colon = ind === undefined ? ':' : ': ';
    if (Array.isArray(x)) return x.length === 0 ? '[]' : `[${x.map((e) => nl + enc(e, depth + 1)).join(',')}${end}]`;
    const keys = sortedKeys(x);
    return keys.length === 0 ? '{}' : `{${keys.map((k) => `${nl}${jsonString(k, html)}${colon}${enc(x[k], depth + 1)}`).join(',')}${end}}`;
  };
  return enc(v, 0);
}

/** json.Unmarshal into interface{}: numbers become float64. */
export function unmarshalJson(text: string): GoValue {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FuncError(goJsonError(text, e));
  }
  return fromJsonData(data, 'float64');
}

/** Roughly encoding/json's syntax error wording. */
function goJsonError(text: string, e: unknown): string {
  if (text.trim() === '') return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  const at = m ? Number(m[1]) : text.length;
  if (at >= text.length) return 'unexpected end of JSON input';
  return `invalid character '${text[at]}' looking for beginning of value`;
}

/** Helm's fromJson: a map, with the error under "Error" when the text is not a JSON object. */
export function helmFromJson(text: string): GoMap {
  try {
    const v = unmarshalJson(text);
    if (isMap(v)) return v;
    return { Error: `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type map[string]interface {}` };
  } catch (e) {
    return { Error: e instanceof Error ? e.message : String(e) };
  }
}

export function helmFromJsonArray(text: string): GoValue[] {
  try {
    const v = unmarshalJson(text);
    if (Array.isArray(v)) return v;
    return [`json: cannot unmarshal object into Go value of type []interface {}`];
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
}
