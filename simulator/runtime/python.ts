/**
 * Real CPython (pyodide, WebAssembly) for `python` images and Python script templates, loaded lazily
 * from the npm package (no network: the standard library ships in the package). Deterministic for the
 * sandbox: `random` is seeded per process, `os.urandom`/`uuid4` draw from it, `time.sleep` advances a
 * virtual clock, `time.time()`/`datetime.now()` read virtual time. A line-count limit (sys.settrace)
 * stops infinite loops. The pod's files are copied in before the run and the changes copied out.
 */
import { LIMITS, LIMIT_EXIT_CODE, limitNote, truncationNote } from './limits.js';
import { normalizePath } from './podFiles.js';
import { finishedPlan } from './plan.js';
import type { ExitEffects, PlannedLine, ProcessPlan } from './plan.js';

/** The part of pyodide's API used here. */
interface Pyodide {
  runPython(code: string, options?: { globals?: unknown }): unknown;
  setStdout(options: { write: (buf: Uint8Array) => number }): void;
  setStderr(options: { write: (buf: Uint8Array) => number }): void;
  globals: { set(name: string, value: unknown): void };
  FS: {
    readdir(p: string): string[];
    stat(p: string): { mode: number };
    isDir(mode: number): boolean;
    isFile(mode: number): boolean;
    readFile(p: string, o: { encoding: 'utf8' }): string;
    writeFile(p: string, data: string): void;
    mkdirTree(p: string): void;
    unlink(p: string): void;
    rmdir(p: string): void;
  };
}

export interface PythonRun {
  argv: string[];
  /** Source to run and the name it runs under (`<string>` for -c, the script's path otherwise). */
  code: string;
  filename: string;
  env: Record<string, string>;
  cwd: string;
  files: Readonly<Record<string, string>>;
  /** Directories that exist at start. */
  dirs: readonly string[];
  startTime: number;
  seed: number;
}

/** How pyodide is loaded: Node reads it from node_modules; the UI sets a loader that serves its files. */
export type PyodideLoader = () => Promise<unknown>;

let loader: PyodideLoader = async () => {
  const { loadPyodide } = await import('pyodide');
  return loadPyodide();
};
let loading: Promise<Pyodide> | undefined;
let loaded = false;
let loadMs: number | undefined;
/** Paths in a fresh pyodide filesystem: the interpreter's own, never the pod's. */
let baseline = new Set<string>();
let baselineDirs = new Set<string>();
let queue: Promise<unknown> = Promise.resolve();

export function setPyodideLoader(fn: PyodideLoader): void {
  loader = fn;
  loading = undefined;
  loaded = false;
}

export function pythonLoaded(): boolean {
  return loaded;
}

/** Load pyodide once (the first time takes seconds); `measure` reports real ms for diagnostics. */
export function loadPython(measure?: () => number): Promise<Pyodide> {
  if (!loading) {
    const t0 = measure?.();
    loading = loader().then((p) => {
      const py = p as Pyodide;
      baseline = new Set(walk(py, '/'));
      baselineDirs = new Set(walkDirs(py, '/'));
      loaded = true;
      if (t0 !== undefined && measure) loadMs = measure() - t0;
      return py;
    });
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

export function pythonLoadMs(): number | undefined {
  return loadMs;
}

const SKIP = /^\/(lib|dev|proc|sys)(\/|$)/;

/** Directories under `dir` (deepest first), outside the interpreter's own. */
function walkDirs(py: Pyodide, dir: string, out: string[] = []): string[] {
  for (const name of py.FS.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
    if (SKIP.test(p)) continue;
    try {
      if (!py.FS.isDir(py.FS.stat(p).mode)) continue;
    } catch {
      continue;
    }
    walkDirs(py, p, out);
    out.push(p);
  }
  return out;
}

function walk(py: Pyodide, dir: string, out: string[] = []): string[] {
  for (const name of py.FS.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
    if (SKIP.test(p)) continue;
    let mode: number;
    try {
      mode = py.FS.stat(p).mode;
    } catch {
      continue;
    }
    if (py.FS.isDir(mode)) walk(py, p, out);
    else if (py.FS.isFile(mode)) out.push(p);
  }
  return out;
}

const PRELUDE = `
import sys as _s, os as _o, time as _t, random as _r, traceback as _tb, datetime as _dt, builtins as _b
class _ArgoLimit(BaseException):
    pass
def _argo_main(code, filename, argv, env, cwd, seed, max_lines, max_wall, now, sleep):
    _r.seed(seed)
    _o.urandom = lambda n: _r.randbytes(n)
    _t.sleep = lambda s: sleep(float(s))
    _t.time = lambda: now()
    _t.time_ns = lambda: int(now() * 1e9)
    class _DT(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(now(), tz)
        @classmethod
        def utcnow(cls):
            return cls.utcfromtimestamp(now())
        @classmethod
        def today(cls):
            return cls.fromtimestamp(now())
    _dt.datetime = _DT
    _o.environ.clear()
    _o.environ.update(env)
    _o.makedirs(cwd, exist_ok=True)
    _o.chdir(cwd)
    _s.argv = list(argv)
    real = _t.perf_counter
    start = real()
    count = [0]
    def local(frame, event, arg):
        count[0] += 1
        if count[0] > max_lines:
            raise _ArgoLimit('step limit (%d Python lines)' % max_lines)
        if count[0] % 20000 == 0 and real() - start > max_wall:
            raise _ArgoLimit('wall-time limit (%ds of real time)' % max_wall)
        return local
    def glob(frame, event, arg):
        return local
    g = {'__name__': '__main__', '__file__': filename, '__builtins__': _b}
    code_obj = compile(code, filename, 'exec')
    _s.settrace(glob)
    try:
        exec(code_obj, g)
        return (0, '')
    except SystemExit as e:
        c = e.code
        if c is None:
            return (0, '')
        if isinstance(c, int):
            return (c & 255, '')
        print(c, file=_s.stderr)
        return (1, '')
    except _ArgoLimit as e:
        return (-1, str(e))
    except BaseException as e:
        _s.settrace(None)
        _tb.print_exception(type(e), e, e.__traceback__.tb_next)
        return (1, '')
    finally:
        _s.settrace(None)
        _o.chdir('/')
        _s.stdout.flush()
        _s.stderr.flush()
`;

/** Bytes in, whole lines out; `flush` hands over a last line that has no newline. */
function lineWriter(emit: (line: string) => void): { write(buf: Uint8Array): number; flush(): void } {
  const decoder = new TextDecoder();
  let pending = '';
  return {
    write(buf) {
      pending += decoder.decode(buf, { stream: true });
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        emit(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
      return buf.length;
    },
    flush() {
      pending += decoder.decode();
      if (pending !== '') emit(pending);
      pending = '';
    },
  };
}

export function runPython(run: PythonRun): Promise<ProcessPlan> {
  const next = queue.then(() => runPythonNow(run));
  queue = next.catch(() => undefined);
  return next;
}

async function runPythonNow(run: PythonRun): Promise<ProcessPlan> {
  const py = await loadPython();
  let elapsed = 0;
  const lines: PlannedLine[] = [];
  let stdout = '';
  let stderr = '';
  let bytes = 0;
  let truncated = false;
  const push = (text: string, out: boolean) => {
    if (bytes + text.length > LIMITS.maxOutputBytes) {
      truncated = true;
      return;
    }
    bytes += text.length + 1;
    lines.push({ offsetMs: Math.round(elapsed), text });
    if (out) stdout += text + '\n';
    else stderr += text + '\n';
  };
  // Raw writes, split into lines here: pyodide's `batched` handler never hands over a last line without
  // a newline (`json.dump(x, sys.stdout)`), which is the whole output of many Argo scripts.
  const out = lineWriter((line) => push(line, true));
  const err = lineWriter((line) => push(line, false));
  py.setStdout({ write: out.write });
  py.setStderr({ write: err.write });
  // A clean filesystem: only the interpreter's files, then the pod's.
  for (const p of walk(py, '/')) if (!baseline.has(p)) py.FS.unlink(p);
  for (const d of walkDirs(py, '/')) {
    if (baselineDirs.has(d)) continue;
    try {
      py.FS.rmdir(d);
    } catch {
      // a directory the interpreter still holds stays; it is empty of the pod's files anyway
    }
  }
  for (const d of run.dirs) py.FS.mkdirTree(d);
  for (const [path, content] of Object.entries(run.files)) {
    if (SKIP.test(path)) continue;
    py.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')) || '/');
    py.FS.writeFile(path, content);
  }
  py.runPython(PRELUDE);
  py.globals.set('_argo_args', {
    code: run.code,
    filename: run.filename,
    argv: run.argv,
    env: run.env,
    cwd: run.cwd,
  });
  const sleep = (s: number) => {
    elapsed += s * 1000;
  };
  const now = () => (run.startTime + elapsed) / 1000;
  py.globals.set('_argo_sleep', sleep);
  py.globals.set('_argo_now', now);
  const res = py.runPython(
    `_a = _argo_args.to_py()\n_argo_main(_a['code'], _a['filename'], _a['argv'], _a['env'], _a['cwd'], ${run.seed >>> 0}, ${LIMITS.maxPythonLines}, ${LIMITS.maxWallMs / 1000}, _argo_now, _argo_sleep)`,
  ) as { toJs(): [number, string]; destroy(): void };
  const [code, limit] = res.toJs();
  res.destroy();
  out.flush();
  err.flush();
  if (truncated) lines.push({ offsetMs: Math.round(elapsed), text: truncationNote(LIMITS.maxOutputBytes) });
  const durationMs = Math.round(elapsed);
  const effects = changedFiles(py, run.files, (text) => lines.push({ offsetMs: durationMs, text }));
  if (code < 0) {
    lines.push({ offsetMs: durationMs, text: limitNote(`it exceeded the ${limit}`) });
    return { lines, forever: false, durationMs, exitCode: LIMIT_EXIT_CODE, handlesSigterm: false, sigtermExitCode: 143, argv: run.argv, stdout, stderr, effects };
  }
  return { lines, forever: false, durationMs, exitCode: code, handlesSigterm: false, sigtermExitCode: 143, argv: run.argv, stdout, stderr, effects };
}

function changedFiles(py: Pyodide, before: Readonly<Record<string, string>>, note: (text: string) => void): ExitEffects {
  const files: { path: string; content: string }[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  for (const p of walk(py, '/').sort()) {
    if (baseline.has(p)) continue;
    seen.add(p);
    let content: string;
    try {
      content = py.FS.readFile(p, { encoding: 'utf8' });
    } catch {
      continue;
    }
    if (before[p] === content) continue;
    bytes += content.length;
    // Like a full disk: files past the pod's size limit are not kept.
    if (bytes > LIMITS.maxFileBytes) {
      note(`[argo-sandbox] ${p} not kept: the process wrote more than ${LIMITS.maxFileBytes / 1024 / 1024} MiB of files (the sandbox's file size limit)`);
      continue;
    }
    files.push({ path: p, content });
  }
  const effects: ExitEffects = {};
  if (files.length > 0) effects.files = files;
  const removed = Object.keys(before).filter((p) => !seen.has(p) && !SKIP.test(p));
  if (removed.length > 0) effects.removed = removed;
  return effects;
}

/** Run Python source outside any pod (e.g. Argo's verify.py assertions): stdout, all output, exit code. */
export async function runPythonCode(code: string, opts: { seed?: number; env?: Record<string, string> } = {}): Promise<{ stdout: string; output: string; exitCode: number }> {
  const plan = await runPython({ argv: ['python', '-c', code], code, filename: '<string>', env: opts.env ?? {}, cwd: '/', files: {}, dirs: [], startTime: 0, seed: opts.seed ?? 1 });
  // `output`: stdout and stderr interleaved, as a terminal shows them.
  return { stdout: plan.stdout ?? '', output: plan.lines.map((l) => l.text).join('\n'), exitCode: plan.exitCode };
}

/** What `python ARGS` runs: `-c CODE`, a script file from the pod's files, or nothing (stdin is empty). */
export function pythonSource(argv: string[], files: Readonly<Record<string, string>>, cwd: string): { argv: string[]; code: string; filename: string } | { plan: ProcessPlan } {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-c') return { argv: ['-c', ...argv.slice(i + 2)], code: argv[i + 1] ?? '', filename: '<string>' };
    if (a.startsWith('-')) continue;
    const path = normalizePath(a, cwd);
    const code = files[path];
    if (code === undefined) {
      const text = `${argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1)}: can't open file '${path}': [Errno 2] No such file or directory`;
      return { plan: finishedPlan(argv, [{ offsetMs: 0, text }], 0, 2) };
    }
    return { argv: argv.slice(i), code, filename: a };
  }
  // No script: the interpreter reads stdin, which is empty in a container.
  return { plan: finishedPlan(argv, [], 0, 0) };
}
