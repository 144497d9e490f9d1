/**
 * `containerSet.retryStrategy` (ContainerSetTemplate.GetRetryStrategy + the emissary's `retry.OnError`): the
 * emissary re-runs a member's command inside the same container — no new pod, no new node; the attempts'
 * logs follow each other in one container log and the container exits with the last attempt's code.
 *
 * Upstream builds `wait.Backoff{Steps: retries, Duration: duration}` and `wait.ExponentialBackoff` runs at most
 * `Steps` attempts (despite the field's doc saying `retries + 1`), sleeping `Duration` between them (no factor,
 * no jitter). `retries: 0` therefore runs nothing and exits 0; no `retryStrategy` (or no `retries`) is one attempt.
 */
import { parseTemplate } from './template.js';
import type { ContainerInput, ExitEffects, PlanResult, ProcessPlan } from '../plan.js';

export interface SetBackoff {
  /** Attempts at most (wait.Backoff.Steps). */
  steps: number;
  /** Sleep between attempts, in ms. */
  durationMs: number;
}

/** Go's time.ParseDuration (ms), or its error text. */
export function parseGoDuration(s: string): number | { error: string } {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const q = JSON.stringify(s);
  let rest = s;
  let sign = 1;
  if (rest[0] === '-' || rest[0] === '+') {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return { error: `time: invalid duration ${q}` };
  let total = 0;
  while (rest !== '') {
    const num = /^(\d*)(\.\d*)?/.exec(rest)!;
    if (num[0] === '' || num[0] === '.') return { error: `time: invalid duration ${q}` };
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') return { error: `time: missing unit in duration ${q}` };
    const f = units[unit];
    if (f === undefined) return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${q}` };
    total += Number(num[0]) * f;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

/** intstr.IntValue: an int, or a string through strconv.Atoi (0 when it does not parse). */
function intValue(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string' && /^[-+]?\d+$/.test(v)) return Number(v);
  return 0;
}

/** The backoff of the template in ARGO_TEMPLATE, or an error message as the emissary reports it. */
export function containerSetBackoff(argoTemplate: string | undefined): SetBackoff | { error: string } {
  if (!argoTemplate || !argoTemplate.includes('"retryStrategy"')) return { steps: 1, durationMs: 0 };
  const set = (parseTemplate(argoTemplate).template as { containerSet?: { retryStrategy?: { retries?: unknown; duration?: unknown } } }).containerSet;
  const rs = set?.retryStrategy;
  if (!rs || rs.retries === undefined || rs.retries === null) return { steps: 1, durationMs: 0 };
  const steps = intValue(rs.retries);
  const duration = typeof rs.duration === 'string' ? rs.duration : '';
  if (duration === '') return { steps, durationMs: 0 };
  const ms = parseGoDuration(duration);
  if (typeof ms !== 'number') return { error: `failed to get retry strategy: ${ms.error}` };
  if (ms < 0) return { error: `failed to get retry strategy: duration has to be positive, current duration: ${duration} ` };
  return { steps, durationMs: ms };
}

/** One attempt: the input it starts with (time, files, seed moved on) → its plan. */
export type Attempt = (input: ContainerInput) => PlanResult;

/** Folds attempts into the one process the container shows. */
class Attempts {
  private elapsed = 0;
  private files: Record<string, string>;
  private plan: ProcessPlan | undefined;
  private effects: ExitEffects = {};
  private n = 0;

  constructor(
    private readonly input: ContainerInput,
    private readonly backoff: SetBackoff,
  ) {
    this.files = { ...(input.files ?? {}) };
  }

  next(): ContainerInput {
    const seed = ((this.input.seed ?? 1) + this.n * 7919) >>> 0;
    return { ...this.input, startTime: this.input.startTime + this.elapsed, files: this.files, seed };
  }

  /** Adds an attempt's plan; true when no further attempt runs. */
  add(p: ProcessPlan): boolean {
    const offset = this.elapsed;
    const lines = p.lines.map((l) => ({ offsetMs: l.offsetMs + offset, text: l.text }));
    const prev = this.plan;
    this.plan = {
      ...p,
      lines: prev ? [...prev.lines, ...lines] : lines,
      durationMs: offset + p.durationMs,
      ...(p.memoryBytes !== undefined ? { memoryAtMs: offset + (p.memoryAtMs ?? 0) } : prev?.memoryBytes !== undefined ? { memoryBytes: prev.memoryBytes, memoryAtMs: prev.memoryAtMs } : {}),
    };
    for (const f of p.effects?.files ?? []) this.files[f.path] = f.content;
    for (const r of p.effects?.removed ?? []) delete this.files[r];
    this.effects = {
      files: [...(this.effects.files ?? []), ...(p.effects?.files ?? [])],
      removed: [...(this.effects.removed ?? []), ...(p.effects?.removed ?? [])],
      artifacts: [...(this.effects.artifacts ?? []), ...(p.effects?.artifacts ?? [])],
      objects: [...(this.effects.objects ?? []), ...(p.effects?.objects ?? [])],
    };
    this.n++;
    // A process that never exits, or one killed for memory, is not retried in time to matter.
    const done = p.forever || p.exitCode === 0 || this.n >= this.backoff.steps || this.plan.memoryBytes !== undefined;
    if (!done) this.elapsed = offset + p.durationMs + this.backoff.durationMs;
    return done;
  }

  result(): ProcessPlan {
    const p = this.plan as ProcessPlan;
    const e = this.effects;
    const effects: ExitEffects = {};
    if (e.files?.length) effects.files = e.files;
    if (e.removed?.length) effects.removed = e.removed;
    if (e.artifacts?.length) effects.artifacts = e.artifacts;
    if (e.objects?.length) effects.objects = e.objects;
    const { effects: _last, ...rest } = p;
    return Object.keys(effects).length ? { ...rest, effects } : rest;
  }
}

/** Runs `attempt` under the emissary's backoff; sync while every attempt is, async from the first that is not. */
export function withSetRetry(input: ContainerInput, argv: string[], argoTemplate: string | undefined, attempt: Attempt): PlanResult {
  const backoff = containerSetBackoff(argoTemplate);
  if ('error' in backoff) {
    return { plan: { lines: [{ offsetMs: 0, text: `Error: ${backoff.error}` }], forever: false, durationMs: 0, exitCode: 64, handlesSigterm: false, sigtermExitCode: 143, argv } };
  }
  if (backoff.steps === 1) return attempt(input);
  // ExponentialBackoff with no steps never calls the command: OnError returns nil, the emissary exits 0.
  if (backoff.steps < 1) return { plan: { lines: [], forever: false, durationMs: 0, exitCode: 0, handlesSigterm: false, sigtermExitCode: 143, argv } };
  const acc = new Attempts(input, backoff);
  for (;;) {
    const r = attempt(acc.next());
    if ('async' in r) return { async: { label: r.async.label, run: () => finishAsync(acc, attempt, r.async.run) } };
    if (acc.add(r.plan)) return { plan: acc.result() };
  }
}

async function finishAsync(acc: Attempts, attempt: Attempt, first: () => Promise<ProcessPlan>): Promise<ProcessPlan> {
  let done = acc.add(await first());
  while (!done) {
    const r = attempt(acc.next());
    done = acc.add('async' in r ? await r.async.run() : r.plan);
  }
  return acc.result();
}
