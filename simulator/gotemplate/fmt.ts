/** Go's `fmt` for template values: `%v` printing, Sprint/Sprintln spacing, Sprintf verbs, strconv.Quote. */
import { timeString } from './time.js';
import { GoTime, isMap, isNil, sortedKeys, typeName, type GoValue } from './value.js';

/**
 * strconv.FormatFloat(f, 'g', prec, 64): `%v` of a float64 is the shortest form, in exponent form when
 * the exponent is < -4 or >= 6 for shortest (why Helm prints a value of 1000000 as `1e+06`), else >= prec.
 */
function formatG(f: number, prec?: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const p = prec === undefined ? undefined : Math.max(1, prec);
  const [rawMant, expText] = (p === undefined ? f.toExponential() : f.toExponential(p - 1)).split('e');
  const exp = Number(expText);
  const mant = rawMant!.includes('.') ? rawMant!.replace(/0+$/, '').replace(/\.$/, '') : rawMant!;
  if (exp < -4 || exp >= (p ?? 6)) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(Number(`${mant}e${exp}`));
}

export { formatG };

/** strconv.Quote: Go escapes, printable Unicode kept. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff) out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** `%v`. */
export function formatValue(v: GoValue): string {
  if (isNil(v)) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return formatG(v);
  if (typeof v === 'function') return '0x1';
  if (v instanceof GoTime) return timeString(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  // A Go fmt.Stringer: an object carrying a hidden (non-enumerable) String method, like Helm's KubeVersion.
  const stringer = Object.getOwnPropertyDescriptor(v, 'String');
  if (stringer && !stringer.enumerable && typeof stringer.value === 'function') {
    const out: unknown = stringer.value();
    if (typeof out === 'string') return out;
  }
  return `map[${sortedKeys(v)
    .map((k) => `${k}:${formatValue(v[k])}`)
    .join(' ')}]`;
}

/** fmt.Sprint: a space between operands when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

export function sprintln(args: readonly GoValue[]): string {
  return args.map(formatValue).join(' ') + '\n';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width?: number;
  prec?: number;
}

function padTo(s: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || s.length >= spec.width) return s;
  const fill = spec.width - s.length;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

const bad = (verb: string, v: GoValue): string => (isNil(v) ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(v)}=${formatValue(v)})`);

function withSign(s: string, spec: Spec): string {
  if (s.startsWith('-')) return s;
  return spec.plus ? `+${s}` : spec.space ? ` ${s}` : s;
}

/**
 * toFixed with Go's rounding: an exact tie (2.25 to one digit) rounds to even ("2.2"), where JS rounds up.
 * toFixed(100) is the double's exact decimal expansion for ordinary magnitudes, so ties are seen exactly.
 */
function toFixedEven(v: number, prec: number): string {
  const p = Math.min(prec, 100);
  const rounded = v.toFixed(p);
  if (Math.abs(v) >= 1e21) return rounded;
  const exact = Math.abs(v).toFixed(100);
  const dot = exact.indexOf('.');
  const rest = exact.slice(dot + 1 + p);
  if (!/^50*$/.test(rest)) return rounded;
  const kept = exact.slice(0, dot + 1 + p).replace(/\.$/, '');
  const lastDigit = Number(kept[kept.length - 1]);
  if (lastDigit % 2 !== 0) return rounded;
  return (v < 0 ? '-' : '') + kept;
}

function expForm(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function formatOne(verb: string, v: GoValue, spec: Spec): string {
  switch (verb) {
    case 'v':
      if (spec.sharp && typeof v === 'string') return quote(v);
      if (spec.plus || spec.sharp) return formatValue(v);
      return padTo(formatValue(v), spec, false);
    case 'T':
      return padTo(typeName(v), spec, false);
    case 's':
      if (typeof v === 'string') return padTo(spec.prec === undefined ? v : [...v].slice(0, spec.prec).join(''), spec, false);
      if (Array.isArray(v) || isMap(v) || v instanceof GoTime) return padTo(formatValue(v), spec, false);
      return bad(verb, v);
    case 'q':
      if (typeof v === 'string') return padTo(quote(v), spec, false);
      if (typeof v === 'bigint') return padTo(`'${String.fromCodePoint(Number(v))}'`, spec, false);
      return bad(verb, v);
    case 't':
      return typeof v === 'boolean' ? padTo(String(v), spec, false) : bad(verb, v);
    case 'd':
      return typeof v === 'bigint' ? padTo(withSign(String(v), spec), spec, true) : bad(verb, v);
    case 'c':
      return typeof v === 'bigint' ? padTo(String.fromCodePoint(Number(v)), spec, false) : bad(verb, v);
    case 'x':
    case 'X':
    case 'o':
    case 'b': {
      const radix = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
      let s: string;
      if (typeof v === 'bigint') s = v.toString(radix);
      else if (typeof v === 'string' && radix === 16) s = [...new TextEncoder().encode(v)].map((b) => b.toString(16).padStart(2, '0')).join('');
      else return bad(verb, v);
      if (verb === 'X') s = s.toUpperCase();
      return padTo(withSign(s, spec), spec, true);
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      if (typeof v !== 'number') return bad(verb, v);
      let s: string;
      const lower = verb.toLowerCase();
      if (!Number.isFinite(v)) s = Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
      else if (lower === 'f') s = toFixedEven(v, spec.prec ?? 6);
      else if (lower === 'e') s = expForm(v.toExponential(spec.prec ?? 6));
      else s = formatG(v, spec.prec);
      if (verb === 'E' || verb === 'G') s = s.toUpperCase();
      return padTo(withSign(s, spec), spec, true);
    }
    default:
      return `%!${verb}(${typeName(v)}=${formatValue(v)})`;
  }
}

/** fmt.Sprintf with the verbs templates use: %v %s %d %q %t %f %e %g %x %X %o %b %c %T %%, flags, width, precision. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argi = 0;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const spec: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false };
    i++;
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '0') spec.zero = true;
      else if (f === ' ') spec.space = true;
      else if (f === '#') spec.sharp = true;
      else break;
    }
    const num = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'bigint' ? Number(a) : undefined;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = num();
    if (format[i] === '.') {
      i++;
      spec.prec = num() ?? 0;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, args[argi++], spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => (isNil(a) ? '<nil>' : `${typeName(a)}=${formatValue(a)}`))
      .join(', ')})`;
  }
  return out;
}
