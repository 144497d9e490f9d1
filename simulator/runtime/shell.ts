/**
 * A tiny deterministic `sh`: lists joined by `;`, `&&`, `||`, newlines and `|`, quoting, `$VAR` /
 * `${VAR}` / `$?` expansion, `NAME=value` assignments and output redirection (discarded). Enough for
 * the one-liners Kubernetes examples use; anything richer belongs to the real shell of a later issue.
 */
import { runBuiltin } from './builtins.js';
import type { ExecState } from './builtins.js';
import type { PlannedLine } from './index.js';

export interface RunResult {
  lines: PlannedLine[];
  elapsedMs: number;
  exitCode: number;
  forever: boolean;
  memoryBytes?: number;
  memoryAtMs?: number;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Run a container's argv: `sh -c SCRIPT` goes through the shell, anything else is one command. */
export function runArgv(argv: readonly string[], env: Map<string, string>, startTime: number, workingDir = '/'): RunResult {
  const state: ExecState = { env: new Map(env), elapsedMs: 0, lines: [], exitCode: 0, forever: false, exited: false, startTime, workingDir };
  const prog = basename(argv[0] ?? '');
  if (SHELLS.has(prog)) {
    const c = argv.indexOf('-c');
    if (c >= 1 && argv[c + 1] !== undefined) runScript(argv[c + 1]!, state);
    else if (argv.length > 1 && !argv[1]!.startsWith('-')) {
      emit(state, `${prog}: can't open '${argv[1]}': No such file or directory`);
      state.exitCode = 2;
    }
    // A bare shell without a terminal reads EOF and exits 0.
  } else {
    runBuiltin([...argv], state, undefined);
  }
  const res: RunResult = { lines: state.lines, elapsedMs: state.elapsedMs, exitCode: state.exitCode, forever: state.forever };
  if (state.memoryBytes !== undefined) {
    res.memoryBytes = state.memoryBytes;
    res.memoryAtMs = state.memoryAtMs ?? 0;
  }
  return res;
}

function emit(state: ExecState, text: string): void {
  state.lines.push({ offsetMs: state.elapsedMs, text });
}

type Token = { kind: 'word'; text: string } | { kind: 'op'; text: string };

/** One command's source and the operator that follows it. */
interface RawPart {
  src: string;
  op: string;
}

/** Split at top-level `;`, `&&`, `||`, `|`, `&` and newlines, respecting quotes. */
function splitCommands(script: string): RawPart[] {
  const parts: RawPart[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (quote) {
      cur += ch;
      if (ch === '\\' && quote === '"' && i + 1 < script.length) cur += script[++i];
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
    } else if (ch === '\\' && i + 1 < script.length) {
      cur += ch + script[++i];
    } else if (ch === '#' && (cur === '' || /\s$/.test(cur))) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (ch === ';' || ch === '\n') {
      parts.push({ src: cur, op: ';' });
      cur = '';
    } else if ((ch === '&' || ch === '|') && script[i + 1] === ch) {
      parts.push({ src: cur, op: ch + ch });
      cur = '';
      i++;
    } else if (ch === '|') {
      parts.push({ src: cur, op: '|' });
      cur = '';
    } else if (ch === '&' && script[i - 1] !== '>' && script[i + 1] !== '>') {
      parts.push({ src: cur, op: ';' });
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push({ src: cur, op: ';' });
  return parts;
}

/** Words and redirection operators of one command, with variables expanded now (assignments are live). */
function wordsOf(part: RawPart, state: ExecState): Token[] {
  const src = part.src;
  const out: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) out.push({ kind: 'word', text: word });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      flush();
    } else if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      word += src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      let lit = '';
      for (; j < src.length && src[j] !== '"'; j++) {
        if (src[j] === '\\' && j + 1 < src.length && '"\\$`'.includes(src[j + 1]!)) lit += src[++j];
        else if (src[j] === '$') {
          const [value, used] = expandVar(src, j, state);
          lit += value;
          j += used - 1;
        } else lit += src[j];
      }
      word += lit;
      i = j;
      inWord = true;
    } else if (ch === '\\' && i + 1 < src.length) {
      word += src[++i];
      inWord = true;
    } else if (ch === '$') {
      const [value, used] = expandVar(src, i, state);
      word += value;
      i += used - 1;
      inWord = true;
    } else if (ch === '>' || ch === '<') {
      // A file-descriptor prefix (`2>`) belongs to the redirection, not to the arguments.
      let fd = '';
      if (inWord && /^\d+$/.test(word)) {
        fd = word;
        word = '';
        inWord = false;
      }
      flush();
      let op = fd + ch;
      while (i + 1 < src.length && '>&'.includes(src[i + 1]!)) op += src[++i];
      // `>&2`, `2>&1`: a descriptor duplication carries its target.
      if (op.endsWith('&')) while (i + 1 < src.length && /[\d-]/.test(src[i + 1]!)) op += src[++i];
      out.push({ kind: 'op', text: op });
    } else {
      word += ch;
      inWord = true;
    }
  }
  flush();
  return out;
}

/** `$NAME`, `${NAME}`, `$?`; returns the value and how many characters were consumed. */
function expandVar(src: string, i: number, state: ExecState): [string, number] {
  const next = src[i + 1];
  if (next === '?') return [String(state.exitCode), 2];
  if (next === '{') {
    const close = src.indexOf('}', i + 2);
    if (close > 0) return [state.env.get(src.slice(i + 2, close).split(/[:-]/)[0]!) ?? '', close - i + 1];
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1));
  if (!m) return ['$', 1];
  return [state.env.get(m[0]) ?? '', m[0].length + 1];
}

/** Run a script: each command is expanded just before it runs, so assignments take effect. */
function runScript(script: string, state: ExecState): void {
  const parts = splitCommands(script);
  let prevOp = ';';
  let piped: string[] | undefined;
  for (const part of parts) {
    if (state.exited || state.forever) return;
    const skip = (prevOp === '&&' && state.exitCode !== 0) || (prevOp === '||' && state.exitCode === 0);
    const pipeOut = part.op === '|';
    if (!skip) {
      const tokens = wordsOf(part, state);
      const argv: string[] = [];
      let redirected = false;
      for (let t = 0; t < tokens.length; t++) {
        const tok = tokens[t]!;
        if (tok.kind === 'op') {
          // `> file` / `>> file` discard output (no filesystem yet); `2>&1`, `>&2` keep it. Streams are not
          // told apart, so `2> file` keeps the output too.
          if (!tok.text.includes('&') && /^1?>/.test(tok.text)) redirected = true;
          if (!tok.text.includes('&')) t++;
          continue;
        }
        argv.push(tok.text);
      }
      // Leading NAME=value words are assignments.
      while (argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0]!)) {
        const a = argv.shift()!;
        const eq = a.indexOf('=');
        state.env.set(a.slice(0, eq), a.slice(eq + 1));
        if (argv.length === 0) state.exitCode = 0;
      }
      if (argv.length > 0) {
        const before = state.lines.length;
        runBuiltin(argv, state, piped);
        piped = undefined;
        if (pipeOut || redirected) {
          const captured = state.lines.splice(before);
          if (pipeOut) piped = captured.map((l) => l.text);
        }
      }
    }
    if (!pipeOut) piped = undefined;
    prevOp = part.op === '|' ? ';' : part.op;
  }
}
