/** Sprig's regex functions over RE2 syntax (translated to JS: `(?P<n>` → `(?<n>`, `$1`/`${name}` replacements). */
import type { GoFunc } from '../gotemplate/value.js';
import { FuncError, int, str } from './convert.js';

function compile(pattern: string, flags = ''): RegExp {
  let src = pattern.replace(/\(\?P</g, '(?<');
  let f = flags + 'u';
  // RE2 inline flags at the start: (?i), (?s), (?m).
  const inline = /^\(\?([ims]+)\)/.exec(src);
  if (inline) {
    f += inline[1];
    src = src.slice(inline[0].length);
  }
  try {
    return new RegExp(src, [...new Set(f)].join(''));
  } catch (e) {
    throw new FuncError(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}: \`${pattern}\``);
  }
}

/** Go's Regexp.Expand template syntax → a JS replacement string. */
function replacement(repl: string): string {
  return repl.replace(/\$\$|\$\{(\w+)\}|\$(\w+)/g, (m, braced: string | undefined, bare: string | undefined) => {
    if (m === '$$') return '$$';
    const name = braced ?? bare!;
    return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
  });
}

function findAll(re: RegExp, s: string, n: number): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(new RegExp(re.source, re.flags + 'g'))) {
    if (n >= 0 && out.length >= n) break;
    out.push(m[0]);
  }
  return out;
}

export const regexFuncs: Record<string, GoFunc> = {
  regexMatch: (regex, s) => {
    try {
      return compile(str(regex)).test(str(s));
    } catch {
      return false;
    }
  },
  mustRegexMatch: (regex, s) => compile(str(regex)).test(str(s)),
  regexFind: (regex, s) => compile(str(regex)).exec(str(s))?.[0] ?? '',
  regexFindAll: (regex, s, n) => findAll(compile(str(regex)), str(s), int(n)),
  regexReplaceAll: (regex, s, repl) => str(s).replace(compile(str(regex), 'g'), replacement(str(repl))),
  regexReplaceAllLiteral: (regex, s, repl) => str(s).replace(compile(str(regex), 'g'), () => str(repl)),
  regexSplit: (regex, s, n) => {
    const count = int(n);
    const text = str(s);
    if (count === 0) return [];
    const out: string[] = [];
    let last = 0;
    for (const m of text.matchAll(compile(str(regex), 'g'))) {
      if (count > 0 && out.length === count - 1) break;
      if (m[0] === '' && (m.index === 0 || m.index === text.length)) continue;
      out.push(text.slice(last, m.index));
      last = m.index + m[0].length;
    }
    out.push(text.slice(last));
    return out;
  },
  regexQuoteMeta: (s) => str(s).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'),
};
