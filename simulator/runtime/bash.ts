/**
 * A real bash for containers' shell scripts: just-bash (a bash interpreter over an in-memory
 * filesystem, npm) loaded lazily, run over a copy of the pod's files. Made deterministic for the
 * sandbox: `sleep` advances a virtual clock instead of waiting, `date` prints virtual time, `$RANDOM`
 * draws from a seeded generator, no network. Output is timestamped per write by sending stdout and
 * stderr to capture files, so log lines appear at their virtual offsets. Files changed by the script
 * become the process's exit effects.
 */
import { LIMITS, LIMIT_EXIT_CODE, limitNote, seededRandom, truncationNote } from './limits.js';
import { dateCommand } from './strftime.js';
import type { ExitEffects, PlannedLine, ProcessPlan } from './plan.js';

export interface BashRun {
  argv: string[];
  /** The script to run (a `-c` string or a script file's content). */
  script: string;
  env: Record<string, string>;
  cwd: string;
  files: Readonly<Record<string, string>>;
  startTime: number;
  seed: number;
  hostname: string;
}

const OUT = '/dev/.argo-sandbox-stdout';
const ERR = '/dev/.argo-sandbox-stderr';
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
  const chunks: { at: number; text: string; err: boolean }[] = [];
  let outBytes = 0;
  let truncated = false;
  class CaptureFs extends jb.InMemoryFs {
    override async appendFile(path: string, content: string | Uint8Array, options?: Parameters<InstanceType<JustBash['InMemoryFs']>['appendFile']>[2]): Promise<void> {
      if (path === OUT || path === ERR) return capture(path, content);
      return super.appendFile(path, content, options);
    }
    override async writeFile(path: string, content: string | Uint8Array, options?: Parameters<InstanceType<JustBash['InMemoryFs']>['writeFile']>[2]): Promise<void> {
      if (path === OUT || path === ERR) return capture(path, content);
      return super.writeFile(path, content, options);
    }
  }
  const capture = (path: string, content: string | Uint8Array): void => {
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    if (text === '') return;
    if (outBytes + text.length > LIMITS.maxOutputBytes) {
      truncated = true;
      return;
    }
    outBytes += text.length;
    chunks.push({ at: elapsed, text, err: path === ERR });
  };
  const fs = new CaptureFs({ ...run.files });
  const virtualNow = () => run.startTime + elapsed;
  let sleeps = 0;
  let daemon = false;
  const abort = new AbortController();
  const commands = [
    jb.defineCommand('date', async (args) => {
      const r = dateCommand(args, virtualNow());
      return 'out' in r ? { stdout: r.out + '\n', stderr: '', exitCode: 0 } : { stdout: '', stderr: r.error + '\n', exitCode: 1 };
    }),
    jb.defineCommand('hostname', async () => ({ stdout: run.hostname + '\n', stderr: '', exitCode: 0 })),
    jb.defineCommand('whoami', async () => ({ stdout: 'root\n', stderr: '', exitCode: 0 })),
    jb.defineCommand('uname', async (args) => ({ stdout: (args.includes('-a') ? `Linux ${run.hostname} 6.1.0 #1 SMP x86_64 GNU/Linux` : 'Linux') + '\n', stderr: '', exitCode: 0 })),
  ];
  const bash = new jb.Bash({
    fs,
    cwd: run.cwd,
    env: { ...run.env, HOSTNAME: run.hostname },
    customCommands: commands,
    sleep: async (ms: number) => {
      elapsed += ms;
      // A loop that keeps sleeping is a daemon: stop playing it (deterministically) and let it run until killed.
      if (++sleeps > LIMITS.loopSleeps && elapsed > LIMITS.loopHorizonMs && !daemon) {
        daemon = true;
        abort.abort();
      }
    },
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
    result = await bash.exec(`exec >>${OUT} 2>>${ERR}\n${run.script}`, { rawScript: true, signal: abort.signal });
  } finally {
    Math.random = random;
  }
  // Whatever escaped the capture (errors raised by the interpreter itself) goes last.
  if (result.stdout) capture(OUT, result.stdout);
  if (result.stderr) capture(ERR, result.stderr);
  const stderrText = chunks.filter((c) => c.err).map((c) => c.text).join('') + result.stderr;
  if (daemon) {
    const kept = toLines(chunks.filter((c) => !c.err || !/abort/i.test(c.text))).slice(0, LIMITS.maxForeverLines);
    return { lines: kept, forever: true, durationMs: 0, exitCode: 0, handlesSigterm: false, sigtermExitCode: 143, argv: run.argv, stdout: '' };
  }
  const limitHit = /increase executionLimits\.(\w+)|execution time(out| limit)|timed out/i.exec(stderrText);
  const lines = toLines(chunks);
  if (truncated) lines.push({ offsetMs: elapsed, text: truncationNote(LIMITS.maxOutputBytes) });
  const stdout = chunks.filter((c) => !c.err).map((c) => c.text).join('');
  const effects = await changedFiles(fs, run.files);
  if (limitHit) {
    const what = limitHit[1] ? `it exceeded the step limit (${limitHit[1]} ${LIMITS[limitHit[1] as keyof typeof LIMITS] ?? ''})`.replace(' )', ')') : `it ran longer than ${LIMITS.maxWallMs / 1000}s of real time`;
    lines.push({ offsetMs: elapsed, text: limitNote(what) });
    return { lines, forever: false, durationMs: elapsed, exitCode: LIMIT_EXIT_CODE, handlesSigterm: false, sigtermExitCode: 143, argv: run.argv, stdout, effects };
  }
  return { lines, forever: false, durationMs: elapsed, exitCode: result.exitCode, handlesSigterm: false, sigtermExitCode: 143, argv: run.argv, stdout, effects };
}

/** Chunks → log lines, each at the offset its first character was written. */
function toLines(chunks: { at: number; text: string; err: boolean }[]): PlannedLine[] {
  const lines: PlannedLine[] = [];
  const partial: Record<'out' | 'err', { at: number; text: string } | undefined> = { out: undefined, err: undefined };
  for (const c of chunks) {
    const k = c.err ? 'err' : 'out';
    let text = (partial[k]?.text ?? '') + c.text;
    const at = partial[k]?.at ?? c.at;
    const parts = text.split('\n');
    text = parts.pop()!;
    parts.forEach((t, i) => lines.push({ offsetMs: i === 0 ? at : c.at, text: t }));
    partial[k] = text === '' ? undefined : { at: parts.length > 0 ? c.at : at, text };
  }
  for (const k of ['out', 'err'] as const) if (partial[k]) lines.push({ offsetMs: partial[k]!.at, text: partial[k]!.text });
  return lines.sort((a, b) => a.offsetMs - b.offsetMs);
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
