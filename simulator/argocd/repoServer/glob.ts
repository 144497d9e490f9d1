/**
 * Argo CD's `directory.include` / `exclude` matching (util/glob over gobwas/glob, no separators):
 * `*` and `?` also cross `/`, `[abc]` classes, `{a.yaml,b.yaml}` alternatives.
 */

function escape(ch: string): string {
  return /[.+^$()|\\/]/.test(ch) ? `\\${ch}` : ch;
}

function toRegexSource(pattern: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) out += escape(pattern[++i]!);
    else if (ch === '*') {
      while (pattern[i + 1] === '*') i++;
      out += '.*';
    } else if (ch === '?') out += '.';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (ch === '{') {
      depth++;
      out += '(?:';
    } else if (ch === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (ch === ',' && depth > 0) out += '|';
    else out += escape(ch);
  }
  return out + ')'.repeat(depth);
}

const cache = new Map<string, RegExp>();

export function globMatch(pattern: string, text: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${toRegexSource(pattern)})$`, 's');
    cache.set(pattern, re);
  }
  return re.test(text);
}
