/**
 * The two pattern matchers Argo CD uses for RBAC and projects:
 * - `globMatch` — util/glob over gobwas/glob: `*` any run (within a segment when separators are given, `**`
 *   across them), `?` one character, `[abc]` / `[!abc]` classes, `{a,b}` alternatives, `\` escapes.
 * - `filepathMatch` — Go's `filepath.Match` (resource allow/deny lists): `*` and `?` never cross `/`,
 *   `[^abc]` negation, a malformed pattern matches nothing.
 * - `regexMatch` — `policy.matchMode: regex` (util/regex over regexp2): an unanchored search; a pattern that
 *   does not compile matches nothing.
 */

const cache = new Map<string, RegExp | null>();

function escapeChar(ch: string): string {
  return /[.+^$()|\\/{}[\]*?]/.test(ch) ? `\\${ch}` : ch;
}

function classBody(body: string, negation: '!' | '^'): string {
  const negated = body.startsWith(negation);
  const inner = (negated ? body.slice(1) : body).replace(/\\(?!.)/g, '\\\\').replace(/\]/g, '\\]');
  return `[${negated ? '^' : ''}${inner}]`;
}

function gobwasSource(pattern: string, separators: string): string {
  const notSep = separators ? `[^${separators.replace(/[\\\]^-]/g, '\\$&')}]` : '[\\s\\S]';
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) out += escapeChar(pattern[++i]!);
    else if (ch === '*') {
      const super_ = pattern[i + 1] === '*';
      while (pattern[i + 1] === '*') i++;
      out += super_ ? '[\\s\\S]*' : `${notSep}*`;
    } else if (ch === '?') out += notSep;
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new Error('unclosed class');
      out += classBody(pattern.slice(i + 1, end), '!');
      i = end;
    } else if (ch === '{') {
      depth++;
      out += '(?:';
    } else if (ch === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (ch === ',' && depth > 0) out += '|';
    else out += escapeChar(ch);
  }
  if (depth > 0) throw new Error('unclosed alternatives');
  return out;
}

function compiled(key: string, build: () => string, flags = ''): RegExp | null {
  let re = cache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(build(), flags);
    } catch {
      re = null;
    }
    if (cache.size > 4096) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** gobwas/glob `Match(pattern, text, separators...)`; a pattern that does not compile matches nothing. */
export function globMatch(pattern: string, text: string, separators = ''): boolean {
  const re = compiled(`g${separators}\u0000${pattern}`, () => `^(?:${gobwasSource(pattern, separators)})$`);
  return re ? re.test(text) : false;
}

function filepathSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      if (i + 1 >= pattern.length) throw new Error('bad pattern');
      out += escapeChar(pattern[++i]!);
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new Error('bad pattern');
      out += classBody(pattern.slice(i + 1, end), '^');
      i = end;
    } else out += escapeChar(ch);
  }
  return out;
}

/** Go `filepath.Match(pattern, name)` with `/` as the separator; ErrBadPattern counts as no match. */
export function filepathMatch(pattern: string, name: string): boolean {
  const re = compiled(`f\u0000${pattern}`, () => `^(?:${filepathSource(pattern)})$`);
  return re ? re.test(name) : false;
}

/** util/regex `Match`: unanchored, like regexp2's MatchString. */
export function regexMatch(pattern: string, text: string): boolean {
  const re = compiled(`r\u0000${pattern}`, () => pattern);
  return re ? re.test(text) : false;
}
