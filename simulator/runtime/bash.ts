/**
 * A real bash for containers' shell scripts: just-bash (a bash interpreter over an in-memory
 * filesystem, npm) loaded lazily, run over a copy of the pod's files. Made deterministic for the
 * sandbox: `sleep` advances a virtual clock instead of waiting, `date` prints virtual time, `$RANDOM`
 * draws from a seeded generator, no network. `sleep` leaves a marker in stdout so each output line
 * gets the virtual offset it was written at. Files changed by the script become the process's exit
 * effects.
 */
import { LIMITS, LIMIT_EXIT_CODE, limitNote, seededRandom, truncationNote } from './limits.js';
import { SCRIPT_PATH } from './argoexec/template.js';
import { cowsay } from './cowsay.js';
import { localResponse } from './localhost.js';
import { pythonSource, runPython } from './python.js';
import type { LocalServer, PodNetwork } from './localhost.js';
import { dateCommand } from './strftime.js';
import type { ExitEffects, PlannedLine, ProcessPlan } from './plan.js';

export interface BashRun {
  argv: string[];
  /** The script to run (a `-c` string or a script file's content). */
  script: string;
  env: Record<string, string>;
  cwd: string;
  files: Readonly<Record<string, string>>;
  /** Directories that exist at start. */
  dirs: readonly string[];
  /** Volume mount paths, listed in /proc/mounts. */
  mounts: readonly string[];
  /** The pod's servers reachable on localhost. */
  servers: readonly LocalServer[];
  /** Other pods' servers by pod IP. */
  network?: PodNetwork;
  startTime: number;
  seed: number;
  hostname: string;
}

/** Paths just-bash creates itself: not the pod's files. */
const SYSTEM = /^\/(dev|proc|bin|usr\/bin)(\/|$)/;

type JustBash = typeof import('just-bash');
let module: Promise<JustBash> | undefined;
/** One script at a time: `$RANDOM` reads Math.random, which is swapped for the script's seeded generator. */
let queue: Promise<unknown> = Promise.resolve();

function loadJustBash(): Promise<JustBash> {
  return (module ??= import('just-bash'));
}

export function runBash(run: BashRun): Promise<ProcessPlan> {
  const next = queue.then(() => runBashNow(run));
  queue = next.catch(() => undefined);
  return next;
}

async function runBashNow(run: BashRun): Promise<ProcessPlan> {
  const jb = await loadJustBash();
  let elapsed = 0;
  let sleeps = 0;
  let pythonRuns = 0;
  let daemon = false;
  const abort = new AbortController();
  const echoed: { at: number; text: string }[] = [];
  const virtualNow = () => run.startTime + elapsed;
  const commands = [
    jb.defineCommand('date', async (args) => {
      const r = dateCommand(args, virtualNow());
      return 'out' in r ? { stdout: r.out + '\n', stderr: '', exitCode: 0 } : { stdout: '', stderr: r.error + '\n', exitCode: 1 };
    }),
    // sleep advances virtual time and leaves a marker in stdout, so output before and after it gets its offset.
    jb.defineCommand('sleep', async (args) => {
      const ms = sleepArgs(args);
      if (ms === undefined) return { stdout: '', stderr: `sleep: invalid time interval '${args[0] ?? ''}'\n`, exitCode: 1 };
      if (ms === Infinity) {
        daemon = true;
        abort.abort();
        return { stdout: '', stderr: '', exitCode: 0 };
      }
      elapsed += ms;
      // A loop that keeps sleeping is a daemon: stop playing it (deterministically) and let it run until killed.
      if (++sleeps > LIMITS.loopSleeps && elapsed > LIMITS.loopHorizonMs && !daemon) {
        daemon = true;
        abort.abort();
      }
      return { stdout: `${MARK}${elapsed}${MARK}`, stderr: '', exitCode: 0 };
    }),
    // echo also keeps its own timestamped copy: an aborted run (a daemon loop) loses the shell's stdout.
    jb.defineCommand('echo', async (args) => {
      const out = echoText(args);
      if (echoed.length < LIMITS.maxForeverLines) echoed.push({ at: elapsed, text: out });
      return { stdout: out, stderr: '', exitCode: 0 };
    }),
    // docker/whalesay's cowsay, for `sh -c "cowsay …"` (message from args, else stdin).
    jb.defineCommand('cowsay', async (args, ctx) => {
      const message = args.length > 0 ? args.join(' ') : jb.decodeBytesToUtf8(ctx.stdin).replace(/\n$/, '');
      return { stdout: cowsay(message).join('\n') + '\n', stderr: '', exitCode: 0 };
    }),
    // netcat: listening is a server that runs until killed; connecting succeeds (no real network here).
    jb.defineCommand('nc', async (args) => {
      if (args.some((a) => /^-[a-zA-Z]*l/.test(a))) {
        daemon = true;
        abort.abort();
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    }),
    // Only the pod's own servers answer (localhost); there is no other network in the sandbox.
    jb.defineCommand('curl', async (args) => {
      const url = urlArg(args);
      const body = localResponse(run.servers, url, run.network);
      if (body !== undefined) {
        const out = args.indexOf('-o');
        if (out >= 0 && args[out + 1] && args[out + 1] !== '-') {
          await fs.writeFile(args[out + 1]!.startsWith('/') ? args[out + 1]! : `${run.cwd}/${args[out + 1]}`, body);
          return { stdout: '', stderr: '', exitCode: 0 };
        }
        return { stdout: body, stderr: '', exitCode: 0 };
      }
      const host = url.replace(/^[a-z]+:\/\//i, '').split(/[/:?]/)[0] ?? '';
      return { stdout: '', stderr: `curl: (7) Failed to connect to ${host} port 80 after 0 ms: Couldn't connect to server\n[argo-sandbox] the sandbox has no network: HTTP requests from containers are not simulated\n`, exitCode: 7 };
    }),
    jb.defineCommand('wget', async (args) => {
      const url = urlArg(args);
      const body = localResponse(run.servers, url, run.network);
      if (body !== undefined) {
        const o = args.findIndex((a) => a === '-O' || a.startsWith('-O'));
        const target = o < 0 ? 'index.html' : args[o] === '-O' ? args[o + 1] : args[o]!.slice(2);
        if (target === '-') return { stdout: body, stderr: '', exitCode: 0 };
        await fs.writeFile((target ?? 'index.html').startsWith('/') ? target! : `${run.cwd}/${target ?? 'index.html'}`, body);
        return { stdout: '', stderr: '', exitCode: 0 };
      }
      return { stdout: '', stderr: `wget: can't connect to remote host: Connection refused\n[argo-sandbox] the sandbox has no network: ${url} was not fetched\n`, exitCode: 4 };
    }),
    // CPython (pyodide) from a shell script: it sees the script's files and its writes come back.
    ...['python', 'python3'].map((name) =>
      jb.defineCommand(name, async (args, ctx) => {
        const files = await snapshotFiles(fs);
        const src = pythonSource([name, ...args], files, ctx.cwd);
        if ('plan' in src) return { stdout: '', stderr: src.plan.lines.map((l) => l.text + '\n').join(''), exitCode: src.plan.exitCode };
        const plan = await runPython({ argv: src.argv, code: src.code, filename: src.filename, env: { ...run.env }, cwd: ctx.cwd, files, dirs: run.dirs, startTime: virtualNow(), seed: (run.seed + ++pythonRuns) >>> 0 });
        elapsed += plan.durationMs;
        for (const f of plan.effects?.files ?? []) {
          await fs.mkdir(f.path.slice(0, f.path.lastIndexOf('/')) || '/', { recursive: true });
          await fs.writeFile(f.path, f.content);
        }
        for (const p of plan.effects?.removed ?? []) await fs.rm(p, { force: true });
        return { stdout: plan.stdout ?? '', stderr: plan.stderr ?? '', exitCode: plan.exitCode };
      }),
    ),
    // Package installs change nothing the simulation can use: a visible no-op.
    ...['apk', 'apt-get', 'apt', 'pip', 'pip3', 'yum'].map((name) =>
      jb.defineCommand(name, async () => {
        const out = `[argo-sandbox] ${name}: package installs are not simulated; treated as a no-op that exits 0\n`;
        echoed.push({ at: elapsed, text: out });
        return { stdout: out, stderr: '', exitCode: 0 };
      }),
    ),
    jb.defineCommand('hostname', async () => ({ stdout: run.hostname + '\n', stderr: '', exitCode: 0 })),
    jb.defineCommand('whoami', async () => ({ stdout: 'root\n', stderr: '', exitCode: 0 })),
    jb.defineCommand('uname', async (args) => ({ stdout: (args.includes('-a') ? `Linux ${run.hostname} 6.1.0 #1 SMP x86_64 GNU/Linux` : 'Linux') + '\n', stderr: '', exitCode: 0 })),
  ];
  const fs = new jb.InMemoryFs({ ...run.files, '/proc/mounts': procMounts(run.mounts) });
  for (const d of run.dirs) await fs.mkdir(d, { recursive: true });
  // argoexec stages the script 0755: `sh -c /argo/staging/script` executes it by path.
  if (run.files[SCRIPT_PATH] !== undefined) await fs.chmod(SCRIPT_PATH, 0o755);
  const bash = new jb.Bash({
    fs,
    cwd: run.cwd,
    env: { ...run.env, HOSTNAME: run.hostname },
    customCommands: commands,
    executionLimits: {
      maxLoopIterations: LIMITS.maxLoopIterations,
      maxCommandCount: LIMITS.maxCommandCount,
      maxExecutionTimeMs: LIMITS.maxWallMs,
      maxFileSystemBytes: LIMITS.maxFileBytes,
    },
    processInfo: { pid: 1, ppid: 0, uid: 0, gid: 0 },
  });
  const random = Math.random;
  Math.random = seededRandom(run.seed);
  let result: { stdout: string; stderr: string; exitCode: number };
  try {
    result = await bash.exec(run.script, { rawScript: true, signal: abort.signal });
  } finally {
    Math.random = random;
  }
  const { lines, text: stdout, truncated } = markedLines(result.stdout);
  const effects = await changedFiles(fs, run.files);
  if (daemon) {
    // Aborting drops the shell's stdout: the lines are echo's own copy (printf and cat output is not kept).
    const daemonLines = markedLines(echoed.map((e) => `${MARK}${e.at}${MARK}${e.text}`).join('')).lines;
    return { lines: daemonLines.slice(0, LIMITS.maxForeverLines), forever: true, durationMs: 0, exitCode: 0, handlesSigterm: false, sigtermExitCode: 143, argv: run.argv, stdout: '' };
  }
  // stderr carries no markers: its lines are placed where the script ended (errors usually end it).
  for (const t of splitLines(result.stderr)) lines.push({ offsetMs: elapsed, text: t });
  if (truncated) lines.push({ offsetMs: elapsed, text: truncationNote(LIMITS.maxOutputBytes) });
  const limitHit = /increase executionLimits\.(\w+)|execution time(out| limit)|timed out/i.exec(result.stderr);
  if (limitHit) {
    const what = limitHit[1] ? `it exceeded the step limit (${limitHit[1]} ${LIMITS[limitHit[1] as keyof typeof LIMITS] ?? ''})`.replace(' )', ')') : `it ran longer than ${LIMITS.maxWallMs / 1000}s of real time`;
    lines.push({ offsetMs: elapsed, text: limitNote(what) });
    return { lines, forever: false, durationMs: elapsed, exitCode: LIMIT_EXIT_CODE, handlesSigterm: false, sigtermExitCode: 143, argv: run.argv, stdout, effects };
  }
  return { lines, forever: false, durationMs: elapsed, exitCode: result.exitCode, handlesSigterm: false, sigtermExitCode: 143, argv: run.argv, stdout, effects };
}

const MARK = '\u0001argo-sandbox-sleep\u0001';

/** The first argument that looks like a URL (curl and wget take options around it). */
function urlArg(args: string[]): string {
  const opts = new Set(['-o', '-O', '-X', '-d', '-H', '-u', '-A', '-e', '-T', '--data', '--data-urlencode', '--header', '--output', '--request', '--user']);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (opts.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return a;
  }
  return '';
}

/** /proc/mounts of a container: the root overlay, the usual kernel filesystems, one line per volume mount. */
function procMounts(mounts: readonly string[]): string {
  const lines = ['overlay / overlay rw,relatime,lowerdir=/var/lib/containerd/snapshots,upperdir=/var/lib/containerd/upper,workdir=/var/lib/containerd/work 0 0', 'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0', 'tmpfs /dev tmpfs rw,nosuid,size=65536k,mode=755 0 0', 'sysfs /sys sysfs ro,nosuid,nodev,noexec,relatime 0 0'];
  for (const m of mounts) lines.push(`/dev/sda1 ${m} ext4 rw,relatime 0 0`);
  return lines.join('\n') + '\n';
}

/** `sleep` arguments in ms (summed like coreutils; suffixes s, m, h, d), Infinity for `infinity`. */
function sleepArgs(args: string[]): number | undefined {
  if (args.length === 0) return undefined;
  let total = 0;
  for (const a of args) {
    if (a === 'infinity' || a === 'inf') return Infinity;
    const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    total += parseFloat(m[1]!) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!]!;
  }
  return Math.round(total);
}

/** bash's builtin echo: `-n`, `-e`/`-E` (combinable), escapes with -e. */
function echoText(args: string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    for (const f of args[i]!.slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const stop = text.indexOf('\\c');
    if (stop >= 0) {
      text = text.slice(0, stop);
      newline = false;
    }
    text = text.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|[abefnrtv\\])/g, (_, c: string) => {
      if (c[0] === '0') return String.fromCharCode(parseInt(c.slice(1) || '0', 8));
      if (c[0] === 'x') return String.fromCharCode(parseInt(c.slice(1), 16));
      return { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }[c]!;
    });
  }
  return newline ? text + '\n' : text;
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** Stdout with sleep markers → log lines at the virtual offset each line started, and the plain text. */
function markedLines(raw: string): { lines: PlannedLine[]; text: string; truncated: boolean } {
  const parts = raw.split(MARK);
  const lines: PlannedLine[] = [];
  let text = '';
  let at = 0;
  let lineAt = 0;
  let current = '';
  let truncated = false;
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 1) {
      at = Number(parts[i]);
      if (current === '') lineAt = at;
      continue;
    }
    const chunk = parts[i]!;
    if (text.length + chunk.length > LIMITS.maxOutputBytes) {
      truncated = true;
      break;
    }
    text += chunk;
    for (const ch of chunk.split(/(\n)/)) {
      if (ch === '\n') {
        lines.push({ offsetMs: lineAt, text: current });
        current = '';
        lineAt = at;
      } else if (ch !== '') {
        if (current === '') lineAt = at;
        current += ch;
      }
    }
  }
  if (current !== '') lines.push({ offsetMs: lineAt, text: current });
  return { lines, text, truncated };
}

/** The script's files right now (what a program it starts sees). */
async function snapshotFiles(fs: { getAllPaths(): string[]; stat(p: string): Promise<{ isFile: boolean }>; readFile(p: string): Promise<string> }): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of fs.getAllPaths()) {
    if (SYSTEM.test(path)) continue;
    try {
      if ((await fs.stat(path)).isFile) out[path] = await fs.readFile(path);
    } catch {
      // vanished between listing and reading
    }
  }
  return out;
}

async function changedFiles(fs: { getAllPaths(): string[]; stat(p: string): Promise<{ isFile: boolean }>; readFile(p: string): Promise<string> }, before: Readonly<Record<string, string>>): Promise<ExitEffects> {
  const files: { path: string; content: string }[] = [];
  const seen = new Set<string>();
  for (const path of fs.getAllPaths().sort()) {
    if (SYSTEM.test(path) && before[path] === undefined) continue;
    let st;
    try {
      st = await fs.stat(path);
    } catch {
      continue;
    }
    if (!st.isFile) continue;
    seen.add(path);
    const content = await fs.readFile(path);
    if (before[path] !== content) files.push({ path, content });
  }
  const removed = Object.keys(before).filter((p) => !seen.has(p));
  const effects: ExitEffects = {};
  if (files.length > 0) effects.files = files;
  if (removed.length > 0) effects.removed = removed;
  return effects;
}
