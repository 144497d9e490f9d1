/**
 * go-yaml (libyaml) does not check indentation inside flow collections or on the continuation lines of a
 * quoted scalar; js-yaml does ("deficient indentation"). Real Argo examples rely on libyaml here, e.g.
 *   args: ["
 *     cd /src &&
 *   "]
 * `relaxFlowIndentation` indents such continuation lines one column past the line that opened the flow
 * context. Inside a flow collection or a quoted scalar leading whitespace carries no meaning (it is
 * folded), so the parsed value is unchanged; only spaces are added, so line numbers stay the same.
 */

/** A quote or bracket opens a node only where a node may start (not `don't` or `a[0]` in a plain scalar). */
function atNodeStart(line: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const c = line[j];
    if (c === ' ' || c === '\t') continue;
    return c === ':' || c === '-' || c === ',' || c === '[' || c === '{' || c === '?';
  }
  return true;
}

export function relaxFlowIndentation(text: string): string {
  const lines = text.split('\n');
  let quote: '"' | "'" | undefined;
  let depth = 0;
  let base = -1; // indentation of the line that opened the outermost open context
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    const indent = line.length - line.trimStart().length;
    if ((quote !== undefined || depth > 0) && line.trim() !== '' && indent <= base) {
      line = ' '.repeat(base + 1 - indent) + line;
      lines[n] = line;
    }
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      const open = quote === undefined && depth === 0;
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = undefined;
      } else if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") i++;
        else if (c === "'") quote = undefined;
      } else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
        break;
      } else if ((c === '"' || c === "'") && (depth > 0 || atNodeStart(line, i))) {
        quote = c;
      } else if ((c === '[' || c === '{') && (depth > 0 || atNodeStart(line, i))) {
        depth++;
      } else if ((c === ']' || c === '}') && depth > 0) {
        depth--;
      }
      if (open && (quote !== undefined || depth > 0)) base = indent;
    }
  }
  return lines.join('\n');
}
