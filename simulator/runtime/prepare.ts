/**
 * What the kubelet asks at a container start: the process plan, or async work that produces it.
 * - argoexec `init` / `wait` (Argo Workflows pods), and `emissary -- argv…` unwrapping the main container
 *   (re-running it under a containerSet's `retryStrategy`);
 * - `argosay` and whalesay's `cowsay`: sync, from their real behaviour;
 * - `python…`: real CPython (pyodide), async;
 * - shells (`sh`/`bash -c`, script files): the real bash (just-bash), async, for Argo pods and for
 *   scripts beyond the tiny built-in shell (files, loops, substitutions, unknown commands);
 * - everything else: `planContainer` (the tiny shell, servers, documented no-op for unknown commands).
 */
import { argoexecCommand, emissaryArgv, planArgoexecInit, planArgoexecWait } from './argoexec/index.js';
import { withSetRetry } from './argoexec/retry.js';
import { planArgosay } from './argosay.js';
import { resolveArgv } from './argv.js';
import { runBash } from './bash.js';
import { cowsay } from './cowsay.js';
import { imageProfile } from './images.js';
import { NO_FILES, imageFiles, withImageFiles } from './imageFiles.js';
import { planContainer } from './index.js';
import { normalizePath } from './podFiles.js';
import { IMAGE_DIRS, finishedPlan } from './plan.js';
import type { ContainerInput, PlanResult, ProcessPlan } from './plan.js';
import { pythonSource, runPython } from './python.js';
import { runArgv } from './shell.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
const PYTHON = /^python(\d(\.\d+)?)?$/;
const SERVERS = new Set(['nginx', 'httpd', 'apache2', 'redis-server', 'memcached', 'postgres', 'mysqld', 'influxd', 'mongod']);
/** Commands the real bash implements, run through it in Argo pods (so they see the pod's files). */
const BASH_COMMANDS = new Set(
  'echo printf cat ls mkdir touch rm cp mv head tail wc grep sed awk sort uniq cut tr tee find xargs env printenv date sleep true false seq expr basename dirname jq yq base64 md5sum sha256sum test [ pwd'.split(' '),
);
/** What the tiny shell cannot do faithfully: files, substitutions, control flow. */
const BEYOND_TINY = /[<>`]|\$\(|\b(if|for|while|until|case|function)\b|\[\[|\[ /;

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export function preparePlan(input: ContainerInput): PlanResult {
  const { env, profile, argv } = resolveArgv(input);
  const sub = argoexecCommand(input.image, argv);
  if (sub === 'init') return { plan: planArgoexecInit(argv, input, env) };
  if (sub === 'wait') return { plan: planArgoexecWait(argv, input, env) };
  // The process sees its image's own files (/etc/os-release…) under the pod's.
  if (imageFiles(input.image) !== NO_FILES) input = { ...input, files: withImageFiles(input.image, input.files) };
  const wrapped = emissaryArgv(argv);
  if (wrapped !== undefined) {
    const run = wrapped.length > 0 ? wrapped : [...profile.entrypoint, ...profile.cmd];
    // The emissary retries a containerSet member's command in place (containerSet.retryStrategy).
    // An attempt with this input's environment list reuses its map (built once per plan, not per attempt).
    const r = withSetRetry(input, run, env.get('ARGO_TEMPLATE'), (at) => planProcess(run, at, at.env === input.env ? env : resolveArgv(at).env, true) ?? { plan: planContainer({ ...at, command: run, args: [] }) });
    return forwardsSigterm(r);
  }
  return planProcess(argv, input, env, false) ?? { plan: planContainer(input) };
}

/**
 * The emissary forwards SIGTERM to the user's process, which (not being PID 1) dies of it at once: exit 143
 * (128 + 15), unless it handles the signal itself (then its own exit).
 */
function forwardsSigterm(r: PlanResult): PlanResult {
  const wrap = (p: ProcessPlan): ProcessPlan => (p.handlesSigterm ? p : { ...p, handlesSigterm: true, sigtermExitCode: 143 });
  if ('plan' in r) return { plan: wrap(r.plan) };
  const { label, run } = r.async;
  return { async: { label, run: async () => wrap(await run()) } };
}

/** The special programs; undefined: the generic runtime decides. */
function planProcess(argv: string[], input: ContainerInput, env: Map<string, string>, argo: boolean): PlanResult | undefined {
  if (argv.length === 0) return undefined;
  const prog = basename(argv[0]!);
  const image = imageProfile(input.image).name;
  if (prog === 'argosay' || (image === 'argosay' && argv[0] === '/argosay')) {
    return { plan: planArgosay(argv, input, /:v1$/.test(input.image) ? 1 : 2) };
  }
  // A server started by its own command line (nginx -g 'daemon off;') runs until stopped, like with its default command.
  if (SERVERS.has(prog)) {
    const profile = imageProfile(input.image);
    return { plan: { lines: profile.startupLines.map((text) => ({ offsetMs: 0, text })), forever: true, durationMs: 0, exitCode: 0, handlesSigterm: true, sigtermExitCode: 0, argv } };
  }
  if (prog === 'cowsay') {
    const lines = cowsay(argv.slice(1).join(' ')).map((text) => ({ offsetMs: 0, text }));
    return { plan: finishedPlan(argv, lines, 0, 0, { stdout: lines.map((l) => l.text + '\n').join('') }) };
  }
  const cwd = input.workingDir || '/';
  const files = input.files ?? {};
  const dirs = [...IMAGE_DIRS, ...(input.dirs ?? [])];
  const seed = input.seed ?? 1;
  const envObj = Object.fromEntries(env);
  const label = `${input.pod ? `${input.pod.namespace}/${input.pod.name}/` : ''}${input.name ?? prog}`;
  if (PYTHON.test(prog)) {
    const py = pythonSource(argv, files, cwd);
    if ('plan' in py) return py;
    return {
      async: {
        label: `python: ${label}`,
        run: () => runPython({ argv: py.argv, code: py.code, filename: py.filename, env: envObj, cwd, files, dirs, startTime: input.startTime, seed }),
      },
    };
  }
  const hostname = env.get('HOSTNAME') ?? input.pod?.name ?? 'localhost';
  const bash = (script: string) => ({
    async: { label: `bash: ${label}`, run: () => runBash({ argv, script, env: envObj, cwd, files, dirs, mounts: input.dirs ?? [], servers: input.pod?.servers ?? [], ...(input.pod?.network ? { network: input.pod.network } : {}), startTime: input.startTime, seed, hostname }) },
  });
  if (SHELLS.has(prog)) {
    const sh = shellScript(argv, files, cwd);
    if (sh === undefined) return undefined; // bare shell or missing script file: the tiny shell says so
    // Single-quoted text is literal: `echo '$(X)'` stays with the tiny shell.
    if (argo || BEYOND_TINY.test(sh.replace(/'[^']*'/g, "''"))) return bash(sh);
    const tiny = runArgv(argv, env, input.startTime, cwd);
    // Unknown commands, or files to read (the tiny shell has no filesystem): the real shell.
    if (tiny.lines.some((l) => l.text.startsWith('[argo-sandbox] command') || l.text.startsWith("cat: can't open"))) return bash(sh);
    return undefined;
  }
  if (argo && BASH_COMMANDS.has(prog)) return bash(argv.map(quote).join(' '));
  return undefined;
}

/** The script a shell argv runs (`-c`, flags like `-e`/`-x` kept as `set`), or undefined. */
function shellScript(argv: string[], files: Readonly<Record<string, string>>, cwd: string): string | undefined {
  const sets: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-o' && argv[i + 1] !== undefined) {
      sets.push(`set -o ${argv[++i]}`);
      continue;
    }
    if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) if ('euxv'.includes(f)) sets.push(`set -${f}`);
      if (a.includes('c')) {
        const script = argv[i + 1];
        return script === undefined ? undefined : [...sets, script].join('\n');
      }
      continue;
    }
    const content = files[normalizePath(a, cwd)];
    return content === undefined ? undefined : [...sets, content].join('\n');
  }
  return undefined;
}
