/**
 * What runs "inside" a simulated container, decided deterministically from the container's image,
 * command, args and environment. The kubelet asks `planContainer` once per container start and plays
 * the returned plan in virtual time: log lines at offsets, then exit (or run until killed).
 *
 * Supported today: `sleep N`, `echo …`, `exit N`, `true`, `false`, `printenv [VAR…]`, `date`, `pwd`, `hostname`,
 * `cat /dev/null`, `tail -f /dev/null`, `stress --vm-bytes N` (allocates N; runs until killed), and
 * `sh -c "a; b && c || d"` over those with `$VAR` expansion.
 * Kubernetes `$(VAR)` expansion is applied to command and args first, like the kubelet does.
 * Any other command is a documented no-op: it logs one `[argo-sandbox] …` line and exits 0.
 *
 * The kubelet calls `preparePlan` (prepare.ts), which adds argoexec (init/wait/emissary), argosay,
 * whalesay's cowsay, a real bash (just-bash) and real CPython (pyodide) over the pod's files
 * (`PodFiles`); the last two are async work the sandbox's async driver awaits. Inside the real bash:
 * virtual `sleep`/`date`, seeded `$RANDOM`, `python3`, `cowsay`, `curl`/`wget` answering only the
 * pod's own well-known servers (localhost) and other pods' by pod IP, `nc -l` as a server, package
 * installs as visible no-ops. Limits (limits.ts): step limits (loops, commands, Python lines) → exit
 * 124 with a log line; output, result (256 kB) and file size caps.
 */
import { resolveArgv } from './argv.js';
import { runArgv } from './shell.js';
import type { ContainerInput, ProcessPlan } from './plan.js';

export { expandKubeVars } from './expand.js';
export { imageProfile, normalizeImage, imageDigest, imageSizeBytes, fnv1a, hex64 } from './images.js';
export type { ImageProfile } from './images.js';

export type { ContainerInput, PlannedLine, ProcessPlan, ExitEffects, FileWrite, DeferredExit, DeferredOutcome, PlanResult, PodInfo } from './plan.js';
export { PodFiles, normalizePath } from './podFiles.js';
export { preparePlan } from './prepare.js';
export { completeArgoexecWait, emissaryDependencies, WAIT_EXIT_DELAY_MS, MAX_RESULT_BYTES, SCRIPT_PATH } from './argoexec/index.js';
export type { WaitView, ArgoTemplate } from './argoexec/index.js';
export { runPython, runPythonCode, loadPython, pythonLoaded, pythonLoadMs, setPyodideLoader } from './python.js';
export type { PyodideLoader } from './python.js';
export { runBash } from './bash.js';
export { cowsay } from './cowsay.js';
export { localServers, localResponse } from './localhost.js';
export type { LocalServer, PodNetwork } from './localhost.js';
export { LIMITS, LIMIT_EXIT_CODE } from './limits.js';
export type { PodFilesState } from './podFiles.js';

/** Decide what a container's process does. Pure: same input, same plan. */
export function planContainer(input: ContainerInput): ProcessPlan {
  const { env, profile, command, args, argv } = resolveArgv(input);
  if (argv.length === 0 || (command === undefined && args === undefined && profile.server)) {
    return {
      // Printed within milliseconds of the start: one instant keeps the kubelet from waking per line.
      lines: profile.startupLines.map((text) => ({ offsetMs: 0, text })),
      forever: true,
      durationMs: 0,
      exitCode: 0,
      handlesSigterm: true,
      sigtermExitCode: 0,
      argv,
    };
  }
  const result = runArgv(argv, env, input.startTime, input.workingDir || '/');
  const plan: ProcessPlan = {
    lines: result.lines,
    forever: result.forever,
    durationMs: result.elapsedMs,
    exitCode: result.exitCode,
    handlesSigterm: false,
    sigtermExitCode: 143,
    argv,
  };
  if (result.memoryBytes !== undefined) {
    plan.memoryBytes = result.memoryBytes;
    plan.memoryAtMs = result.memoryAtMs ?? 0;
  }
  return plan;
}
