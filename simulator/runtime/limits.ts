/**
 * Limits on what a simulated process may do. Step limits are deterministic (the same script always
 * stops at the same place); the wall-time limits are a safety net for work a step limit cannot see.
 */
export const LIMITS = {
  /** Bash loop iterations (while/for/until) before the script is stopped. */
  maxLoopIterations: 10_000,
  /** Bash commands executed before the script is stopped. */
  maxCommandCount: 100_000,
  /** Python line events (sys.settrace) before the script is stopped. */
  maxPythonLines: 1_000_000,
  /** Real time a script may take (non-deterministic safety net). */
  maxWallMs: 10_000,
  /** Log output kept per process run; the rest is dropped with a note. */
  maxOutputBytes: 1024 * 1024,
  /** Bytes a process may keep in the pod's files. */
  maxFileBytes: 8 * 1024 * 1024,
  /** Log lines kept for a looping process that runs until killed. */
  maxForeverLines: 2_000,
  /**
   * A script that has slept more than this many times and for longer than `loopHorizonMs` of virtual
   * time is a loop meant to run forever (a daemon): it is stopped there and runs until killed.
   */
  loopSleeps: 200,
  loopHorizonMs: 600_000,
} as const;

/** The exit code `timeout(1)` uses: a script stopped by a limit exits with it. */
export const LIMIT_EXIT_CODE = 124;

export function limitNote(what: string): string {
  return `[argo-sandbox] script stopped: ${what}; the sandbox limits scripts so an infinite loop cannot hang the simulation (exit code ${LIMIT_EXIT_CODE}, like timeout)`;
}

export function truncationNote(bytes: number): string {
  return `[argo-sandbox] output truncated: the process wrote more than ${Math.round(bytes / 1024)} KiB of logs`;
}

/** Deterministic PRNG (mulberry32) for a process's randomness. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
