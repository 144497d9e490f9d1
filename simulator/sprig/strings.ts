/** Sprig's string functions (Masterminds/sprig strings.go), argument order as in templates: subject last. */
import { quote as goQuote } from '../gotemplate/fmt.js';
import { isNil, type GoFunc, type GoMap, type GoValue } from '../gotemplate/value.js';
import { int, str, strslice, strval } from './convert.js';

/** strings.Title: upper-cases the first letter after any non-letter, non-digit, non-underscore. */
function title(s: string): string {
  let out = '';
  let prevSep = true;
  for (const ch of s) {
    out += prevSep ? ch.toUpperCase() : ch;
    prevSep = !/[\p{L}\p{N}_']/u.test(ch);
  }
  return out;
}

function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** strings.Trim with a cutset. */
function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set([...cutset]);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (left && a < b && set.has(chars[a]!)) a++;
  while (right && b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

function splitToMap(parts: string[]): GoMap {
  const out: GoMap = {};
  parts.forEach((p, i) => (out[`_${i}`] = p));
  return out;
}

/** strings.SplitN semantics (n < 0: all; n == 0: none; the last part keeps the rest). */
function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const all = sep === '' ? [...s] : s.split(sep);
  if (n < 0 || all.length <= n) return all;
  return [...all.slice(0, n - 1), all.slice(n - 1).join(sep)];
}

function indent(spaces: number, s: string): string {
  const pad = ' '.repeat(Math.max(0, spaces));
  return pad + s.split('\n').join(`\n${pad}`);
}

export const stringFuncs: Record<string, GoFunc> = {
  upper: (s) => str(s).toUpperCase(),
  lower: (s) => str(s).toLowerCase(),
  title: (s) => title(str(s)),
  untitle: (s) => str(s).replace(/(^|\s)(\S)/g, (_, a: string, b: string) => a + b.toLowerCase()),
  swapcase: (s) => [...str(s)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  trim: (s) => str(s).trim(),
  trimAll: (cutset, s) => trimSet(str(s), str(cutset), true, true),
  trimPrefix: (prefix, s) => (str(s).startsWith(str(prefix)) ? str(s).slice(str(prefix).length) : str(s)),
  trimSuffix: (suffix, s) => (str(suffix) !== '' && str(s).endsWith(str(suffix)) ? str(s).slice(0, str(s).length - str(suffix).length) : str(s)),
  trunc: (c, s) => {
    const n = int(c);
    const text = str(s);
    if (n < 0 && text.length + n > 0) return text.slice(text.length + n);
    if (n >= 0 && text.length > n) return text.slice(0, n);
    return text;
  },
  substr: (start, end, s) => {
    const a = int(start);
    const b = int(end);
    const text = str(s);
    if (a < 0) return text.slice(0, b);
    if (b < 0 || b > text.length) return text.slice(a);
    return text.slice(a, b);
  },
  replace: (old, neu, src) => str(src).split(str(old)).join(str(neu)),
  contains: (substr, s) => str(s).includes(str(substr)),
  hasPrefix: (prefix, s) => str(s).startsWith(str(prefix)),
  hasSuffix: (suffix, s) => str(s).endsWith(str(suffix)),
  repeat: (count, s) => str(s).repeat(Math.max(0, int(count))),
  nospace: (s) => str(s).replace(/\s+/g, ''),
  initials: (s) =>
    str(s)
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => [...w][0])
      .join(''),
  abbrev: (width, s) => {
    const w = int(width);
    const text = str(s);
    if (text.length <= w) return text;
    return w < 4 ? '' : `${text.slice(0, w - 3)}...`;
  },
  plural: (one, many, count) => (int(count) === 1 ? str(one) : str(many)),
  snakecase: (s) => words(str(s)).map((w) => w.toLowerCase()).join('_'),
  kebabcase: (s) => words(str(s)).map((w) => w.toLowerCase()).join('-'),
  camelcase: (s) =>
    words(str(s))
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(''),
  split: (sep, orig) => splitToMap(str(orig).split(str(sep))),
  splitn: (sep, n, orig) => splitToMap(splitN(str(orig), str(sep), int(n))),
  splitList: (sep, orig) => (str(sep) === '' ? [...str(orig)] : str(orig).split(str(sep))),
  join: (sep, v) => strslice(v).join(str(sep)),
  toString: (v: GoValue) => strval(v),
  toStrings: (v) => strslice(v),
  quote: (...args) => args.filter((a) => !isNil(a)).map((a) => goQuote(strval(a))).join(' '),
  squote: (...args) => args.filter((a) => !isNil(a)).map((a) => `'${strval(a)}'`).join(' '),
  cat: (...args) => args.filter((a) => !isNil(a)).map(strval).join(' '),
  indent: (spaces, s) => indent(int(spaces), str(s)),
  nindent: (spaces, s) => `\n${indent(int(spaces), str(s))}`,
  wrap: (width, s) => wrapText(str(s), int(width)),
  wrapWith: (width, sep, s) => wrapText(str(s), int(width)).replace(/\n/g, str(sep)),
  abbrevboth: (left, right, s) => {
    const l = int(left);
    const w = int(right);
    let text = str(s);
    if (l > 4 && text.length > w) text = `...${text.slice(l)}`;
    return text.length <= w ? text : w < 4 ? '' : `${text.slice(0, w - 3)}...`;
  },
};

/** goutils.Wrap: breaks at spaces so lines stay within `width` where possible. */
function wrapText(s: string, width: number): string {
  const lim = Math.max(1, width);
  return s
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      for (const w of line.split(' ')) {
        if (cur !== '' && cur.length + 1 + w.length > lim) {
          out.push(cur);
          cur = w;
        } else cur = cur === '' ? w : `${cur} ${w}`;
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

export type { GoValue };
