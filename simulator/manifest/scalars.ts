/**
 * Scalar resolution the way kubectl reads YAML (sigs.k8s.io/yaml on go-yaml v2, i.e. YAML 1.1 plain
 * scalars): `yes`/`no`/`on`/`off` are booleans, `0777` is octal, timestamps stay strings. This is why
 * `value: yes` in an env var fails on a real cluster, and it fails here the same way.
 */
import { SCALAR_STYLE } from 'js-yaml';

export type ScalarValue = string | number | boolean | null;

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const INT_DEC = /^[-+]?(0|[1-9][0-9_]*)$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const INT_BIN = /^[-+]?0b[01_]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOAT = /^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;

function signed(text: string): { sign: number; body: string } {
  if (text.startsWith('-')) return { sign: -1, body: text.slice(1) };
  if (text.startsWith('+')) return { sign: 1, body: text.slice(1) };
  return { sign: 1, body: text };
}

function parseInteger(text: string): number | undefined {
  const clean = text.replace(/_/g, '');
  const { sign, body } = signed(clean);
  if (INT_HEX.test(text)) return sign * parseInt(body.slice(2), 16);
  if (INT_BIN.test(text)) return sign * parseInt(body.slice(2), 2);
  if (INT_OCT.test(text)) return sign * parseInt(body.slice(1), 8);
  if (INT_DEC.test(text)) return sign * parseInt(body, 10);
  return undefined;
}

/** A plain (unquoted, untagged) scalar. */
export function resolvePlain(text: string): ScalarValue {
  if (NULL.has(text)) return null;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  const first = text.charCodeAt(0);
  // Fast path: most scalars are words, not numbers.
  const numeric = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  if (!numeric) return text;
  const int = parseInteger(text);
  if (int !== undefined) return int;
  if (FLOAT.test(text)) return Number(text.replace(/_/g, ''));
  if (SPECIAL_FLOAT.test(text)) return text.includes('nan') || text.includes('NaN') || text.includes('NAN') ? NaN : text.startsWith('-') ? -Infinity : Infinity;
  return text;
}

const TAG_PREFIX = 'tag:yaml.org,2002:';

/** Normalise `!!str`, `!<tag:yaml.org,2002:str>` to `str`; local tags (`!foo`) to undefined (ignored, like go-yaml does for maps). */
export function standardTag(raw: string): string | undefined {
  if (raw.startsWith('!!')) return raw.slice(2);
  if (raw.startsWith('!<') && raw.endsWith('>')) {
    const inner = raw.slice(2, -1);
    return inner.startsWith(TAG_PREFIX) ? inner.slice(TAG_PREFIX.length) : undefined;
  }
  return undefined;
}

/** Resolve a scalar from its decoded text, style and tag. Returns an error string for impossible values. */
export function resolveScalar(text: string, style: number, rawTag: string | undefined): ScalarValue | { error: string } {
  const tag = rawTag ? standardTag(rawTag) : undefined;
  if (tag === undefined) return style === SCALAR_STYLE.PLAIN && !rawTag ? resolvePlain(text) : text;
  switch (tag) {
    case 'str':
    case 'binary':
    case 'timestamp':
      return text;
    case 'null':
      return null;
    case 'bool':
      if (TRUE.has(text)) return true;
      if (FALSE.has(text)) return false;
      return { error: `cannot decode !!str \`${text.slice(0, 40)}\` as a !!bool` };
    case 'int': {
      const n = parseInteger(text);
      return n === undefined ? { error: `cannot decode !!str \`${text.slice(0, 40)}\` as a !!int` } : n;
    }
    case 'float': {
      const v = resolvePlain(text);
      return typeof v === 'number' ? v : { error: `cannot decode !!str \`${text.slice(0, 40)}\` as a !!float` };
    }
    default:
      return style === SCALAR_STYLE.PLAIN ? resolvePlain(text) : text;
  }
}

/** Map keys become JSON object keys: go-yaml → JSON turns `true`, `1`, `null` keys into strings. */
export function keyString(v: ScalarValue): string {
  if (v === null) return 'null';
  return typeof v === 'string' ? v : String(v);
}
