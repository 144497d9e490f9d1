/**
 * Command lines for the sandbox terminal: shell-like words (quotes, backslash), flags (`-n ns`, `--namespace=ns`,
 * `-A`, `-o yaml`), and whether the command changes the world (then the UI sends it as a journaled action).
 * Pure and tiny: the terminal view imports it too.
 */

export interface Command {
  /** `kubectl`, `argocd`, `argo`, `help`… */
  tool: string;
  /** Positional words after the tool. */
  args: string[];
  /** Flags by long name (`namespace`, `output`, `all-namespaces`, `container`…); `true` for switches. */
  flags: Record<string, string | true>;
  /** Every value of a repeatable flag, in order (`--output-parameter a=1 --output-parameter b=2`); `flags` keeps the last. */
  lists?: Record<string, string[]>;
}

/** Short flags, and which take a value. */
const SHORT: Record<string, string> = { m: 'message', n: 'namespace', o: 'output', A: 'all-namespaces', c: 'container', f: 'follow', l: 'selector', p: 'previous' };
const VALUED = new Set(['namespace', 'output', 'container', 'selector', 'revision', 'tail', 'propagation-policy', 'cascade', 'resource', 'output-parameter', 'node-field-selector', 'message', 'phase']);
/** Flags that may be given several times (cobra StringArray). */
const REPEATABLE = new Set(['output-parameter']);

export function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (quote) throw new Error(`unterminated ${quote} quote`);
  if (has || cur) out.push(cur);
  return out;
}

export function parseCommand(line: string): Command {
  const [tool = '', ...rest] = words(line.trim());
  const args: string[] = [];
  const flags: Record<string, string | true> = {};
  let lists: Record<string, string[]> | undefined;
  const setFlag = (name: string, value: string | true) => {
    flags[name] = value;
    if (REPEATABLE.has(name) && typeof value === 'string') ((lists ??= {})[name] ??= []).push(value);
  };
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      if (eq >= 0) setFlag(name, w.slice(eq + 1));
      else if (VALUED.has(name) && i + 1 < rest.length) setFlag(name, rest[++i]!);
      else setFlag(name, true);
    } else if (w.startsWith('-') && w.length > 1 && !/^-\d/.test(w)) {
      const letters = w.slice(1);
      const name = SHORT[letters[0]!] ?? letters[0]!;
      if (VALUED.has(name)) setFlag(name, letters.length > 1 ? letters.slice(1).replace(/^=/, '') : (rest[++i] ?? ''));
      else for (const l of letters) flags[SHORT[l] ?? l] = true;
    } else args.push(w);
  }
  return lists ? { tool, args, flags, lists } : { tool, args, flags };
}

const WRITES: Record<string, Set<string>> = {
  kubectl: new Set(['delete', 'scale', 'annotate', 'label']),
  argocd: new Set(['sync', 'rollback', 'delete', 'terminate-op']),
  argo: new Set(['resume', 'stop', 'terminate', 'suspend', 'retry', 'resubmit', 'delete', 'node']),
};

/** Does this line change the world (journaled action) or only read it (query)? */
export function isMutating(line: string): boolean {
  let c: Command;
  try {
    c = parseCommand(line);
  } catch {
    return false;
  }
  // `argocd app sync`: the verb is the second word.
  const verb = c.tool === 'argocd' ? c.args[1] : c.args[0];
  return !!verb && (WRITES[c.tool]?.has(verb) ?? false);
}

/** Columns padded like kubectl's tabwriter (3 spaces between columns). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
