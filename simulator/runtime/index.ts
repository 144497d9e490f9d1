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
 * Later issues add argosay, a real shell and python behind the same `planContainer` signature.
 */
import { expandKubeVars } from './expand.js';
import { imageProfile } from './images.js';
import { runArgv } from './shell.js';

export { expandKubeVars } from './expand.js';
export { imageProfile, normalizeImage, imageDigest, imageSizeBytes, fnv1a, hex64 } from './images.js';
export type { ImageProfile } from './images.js';

export interface ContainerInput {
  image: string;
  command?: readonly string[];
  args?: readonly string[];
  /** The container's environment in order (Kubernetes env, already resolved). */
  env?: readonly { name: string; value: string }[];
  workingDir?: string;
  /** Virtual time the process starts (ms since the epoch): `date` prints it plus elapsed sleeps. */
  startTime: number;
}

export interface PlannedLine {
  /** Milliseconds after the process started. */
  offsetMs: number;
  text: string;
}

export interface ProcessPlan {
  lines: PlannedLine[];
  /** Runs until killed (servers, `sleep infinity`); `durationMs` and `exitCode` are then unused. */
  forever: boolean;
  durationMs: number;
  exitCode: number;
  /** Whether the process exits on SIGTERM. PID 1 without a handler (sh, sleep) ignores it: killed at the grace period. */
  handlesSigterm: boolean;
  /** Exit code after a SIGTERM it handles (servers exit 0). */
  sigtermExitCode: number;
  /** The argv that ran, for messages. */
  argv: string[];
  /** Memory the process allocates (`stress --vm-bytes`), and when: the kubelet OOM-kills it over its limit. */
  memoryBytes?: number;
  memoryAtMs?: number;
}

/** Decide what a container's process does. Pure: same input, same plan. */
export function planContainer(input: ContainerInput): ProcessPlan {
  const env = new Map<string, string>();
  for (const e of input.env ?? []) env.set(e.name, e.value);
  const profile = imageProfile(input.image);
  const command = input.command && input.command.length > 0 ? input.command.map((s) => expandKubeVars(s, env)) : undefined;
  const args = input.args && input.args.length > 0 ? input.args.map((s) => expandKubeVars(s, env)) : undefined;
  // Like the container runtime: command replaces ENTRYPOINT (and drops CMD); args replace CMD.
  const argv = command ? [...command, ...(args ?? [])] : [...profile.entrypoint, ...(args ?? profile.cmd)];
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
