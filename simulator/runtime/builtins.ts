/** The commands the simulated runtime knows, each a deterministic function of argv and state. */
import type { PlannedLine } from './index.js';

export interface ExecState {
  env: Map<string, string>;
  /** Virtual time spent so far (sleeps). */
  elapsedMs: number;
  lines: PlannedLine[];
  exitCode: number;
  /** The process never exits by itself (`sleep infinity`, `tail -f /dev/null`). */
  forever: boolean;
  /** `exit` ran: the rest of the script is skipped. */
  exited: boolean;
  startTime: number;
  workingDir: string;
  /** Peak memory allocated so far, and when it was first reached. */
  memoryBytes?: number;
  memoryAtMs?: number;
}

type Builtin = (args: string[], state: ExecState, stdin: string[] | undefined) => number;

function out(state: ExecState, text: string): void {
  for (const line of text.split('\n')) state.lines.push({ offsetMs: state.elapsedMs, text: line });
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox `date`: `Wed Jan  1 00:00:05 UTC 2025`. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
}

/** `250M`, `1G`, `512k`, `100` (bytes), as stress and stress-ng read them. */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([bkmgBKMG]?)$/.exec(text);
  if (!m) return undefined;
  const unit: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  return Math.round(parseFloat(m[1]!) * unit[m[2]!.toLowerCase()]!);
}

/** `sleep` operands: `5`, `0.5`, `2m`, `1h`, `infinity`; several are summed like GNU sleep. */
function sleepMs(args: string[]): number | 'forever' | 'invalid' {
  if (args.length === 0) return 'invalid';
  const unit: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  for (const a of args) {
    if (a === 'infinity' || a === 'inf') return 'forever';
    const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return 'invalid';
    total += parseFloat(m[1]!) * unit[m[2]!]!;
  }
  return Math.round(total);
}

function unescapeEcho(text: string): string {
  return text.replace(/\\(n|t|\\)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

const BUILTINS: Record<string, Builtin> = {
  echo(args, state) {
    let escapes = false;
    // `-n` only drops the trailing newline, which a log line does not show anyway.
    while (args[0] && /^-[neE]+$/.test(args[0])) if (args.shift()!.includes('e')) escapes = true;
    const text = args.join(' ');
    out(state, escapes ? unescapeEcho(text) : text);
    return 0;
  },
  printf(args, state) {
    const fmt = args.shift() ?? '';
    let i = 0;
    const text = unescapeEcho(fmt.replace(/%[sd]/g, () => args[i++] ?? '').replace(/%%/g, '%'));
    if (text.length > 0) out(state, text.endsWith('\n') ? text.slice(0, -1) : text);
    return 0;
  },
  sleep(args, state) {
    const ms = sleepMs(args);
    if (ms === 'invalid') {
      out(state, `sleep: invalid number '${args[0] ?? ''}'`);
      return 1;
    }
    if (ms === 'forever') state.forever = true;
    else state.elapsedMs += ms;
    return 0;
  },
  exit(args, state) {
    state.exited = true;
    const n = args[0] === undefined ? state.exitCode : parseInt(args[0], 10);
    return Number.isFinite(n) ? ((n % 256) + 256) % 256 : 2;
  },
  true: () => 0,
  ':': () => 0,
  false: () => 1,
  printenv(args, state) {
    if (args.length === 0) {
      for (const [k, v] of state.env) out(state, `${k}=${v}`);
      return 0;
    }
    let code = 0;
    for (const a of args) {
      const v = state.env.get(a);
      if (v === undefined) code = 1;
      else out(state, v);
    }
    return code;
  },
  env(args, state) {
    return BUILTINS.printenv!([], state, undefined);
  },
  date(args, state) {
    const now = state.startTime + state.elapsedMs;
    out(state, args[0] === '+%s' ? String(Math.floor(now / 1000)) : formatDate(now));
    return 0;
  },
  cat(args, state, stdin) {
    if (args.length === 0 || (args.length === 1 && args[0] === '-')) {
      for (const l of stdin ?? []) out(state, l);
      return 0;
    }
    let code = 0;
    for (const f of args) {
      if (f === '/dev/null') continue;
      out(state, `cat: can't open '${f}': No such file or directory`);
      code = 1;
    }
    return code;
  },
  tail(args, state, stdin) {
    if (args.includes('-f')) {
      state.forever = true;
      return 0;
    }
    for (const l of stdin ?? []) out(state, l);
    return 0;
  },
  // The Kubernetes docs' memory-limit example (polinux/stress): allocate and hold memory.
  stress(args, state) {
    let bytes = 256 * 1024 ** 2;
    const at = args.findIndex((a) => a === '--vm-bytes');
    if (at >= 0) bytes = parseBytes(args[at + 1] ?? '') ?? bytes;
    out(state, `stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd`);
    state.memoryBytes = Math.max(state.memoryBytes ?? 0, bytes);
    state.memoryAtMs ??= state.elapsedMs;
    state.forever = true;
    return 0;
  },
  hostname(_args, state) {
    out(state, state.env.get('HOSTNAME') ?? 'localhost');
    return 0;
  },
  pwd(_args, state) {
    out(state, state.workingDir);
    return 0;
  },
  whoami(_args, state) {
    out(state, 'root');
    return 0;
  },
};

/** Run one command; unknown commands are a logged no-op that exits 0 (documented in runtime/index.ts). */
export function runBuiltin(argv: string[], state: ExecState, stdin: string[] | undefined): void {
  const name = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1);
  const fn = BUILTINS[name];
  if (!fn) {
    out(state, `[argo-sandbox] command "${name}" is not simulated; treated as a no-op that exits 0`);
    state.exitCode = 0;
    return;
  }
  state.exitCode = fn(argv.slice(1), state, stdin);
}
