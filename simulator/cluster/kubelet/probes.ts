/**
 * Probe results, decided deterministically. An exec probe runs its command through the simulated
 * runtime (exit 0 within timeoutSeconds = success). httpGet, tcpSocket and grpc probes succeed while
 * the container runs, unless a `sandbox.argoproj.io/<kind>-fail-for` / `-fail-after` annotation
 * (kind = startup | readiness | liveness) makes them fail for the first D, or from D on, of each run.
 */
import { planContainer } from '../../runtime/index.js';
import type { ObjectMeta } from '../types.js';
import { annotationMs } from './timings.js';
import type { ContainerBook, ContainerSpec, ContainerStatus, Probe, ProbeBook, ProbeKind } from './types.js';

/** What a failing probe leads to, for the learner. */
const PROBE_WHY: Record<ProbeKind, (bad: number, threshold: number) => string> = {
  readiness: (bad, t) => `Readiness failure ${Math.min(bad, t)} of failureThreshold ${t}: at ${t} in a row the container is not Ready, so the pod leaves Service endpoints (it is not restarted).`,
  liveness: (bad, t) => `Liveness failure ${Math.min(bad, t)} of failureThreshold ${t}: at ${t} in a row the kubelet kills and restarts the container.`,
  startup: (bad, t) => `Startup failure ${Math.min(bad, t)} of failureThreshold ${t}: liveness and readiness checks wait until the startup probe passes; at ${t} failures the container is restarted.`,
};

export const PROBE_KINDS: readonly ProbeKind[] = ['startup', 'readiness', 'liveness'];

export function probeOf(c: ContainerSpec, kind: ProbeKind): Probe | undefined {
  return kind === 'startup' ? c.startupProbe : kind === 'readiness' ? c.readinessProbe : c.livenessProbe;
}

export function periodMs(p: Probe): number {
  return Math.max(1, p.periodSeconds ?? 10) * 1000;
}

export function successThreshold(p: Probe): number {
  return Math.max(1, p.successThreshold ?? 1);
}

export function failureThreshold(p: Probe): number {
  return Math.max(1, p.failureThreshold ?? 3);
}

/** Probe tick k happens at start + initialDelaySeconds + k·periodSeconds. */
export function firstTick(p: Probe, startedAt: number): number {
  return startedAt + (p.initialDelaySeconds ?? 0) * 1000;
}

/** The first tick strictly after `t`. */
export function tickAfter(p: Probe, startedAt: number, t: number): number {
  const first = firstTick(p, startedAt);
  if (t < first) return first;
  const period = periodMs(p);
  return first + (Math.floor((t - first) / period) + 1) * period;
}

export interface ProbeContext {
  meta: ObjectMeta;
  container: ContainerSpec;
  env: { name: string; value: string }[];
  podIP: string;
  startedAt: number;
}

export interface ProbeResult {
  ok: boolean;
  /** What follows `Liveness probe failed: ` in the kubelet's Unhealthy event. */
  output: string;
}

function portOf(port: number | string | undefined): string {
  return port === undefined ? '80' : String(port);
}

export function runProbe(kind: ProbeKind, p: Probe, at: number, pc: ProbeContext): ProbeResult {
  const elapsed = at - pc.startedAt;
  const failFor = annotationMs(pc.meta, `${kind}-fail-for`);
  const failAfter = annotationMs(pc.meta, `${kind}-fail-after`);
  const forced = (failFor !== undefined && elapsed < failFor) || (failAfter !== undefined && elapsed >= failAfter);
  if (p.exec && !forced) {
    const plan = planContainer({ image: pc.container.image ?? '', command: p.exec.command ?? [], env: pc.env, startTime: at });
    const timeout = Math.max(1, p.timeoutSeconds ?? 1) * 1000;
    if (plan.forever || plan.durationMs > timeout) {
      return { ok: false, output: `command ${JSON.stringify(plan.argv.join(' '))} timed out` };
    }
    return { ok: plan.exitCode === 0, output: plan.lines.map((l) => l.text).join('\n') };
  }
  if (!forced) return { ok: true, output: '' };
  if (p.exec) return { ok: false, output: '' };
  if (p.httpGet) return { ok: false, output: 'HTTP probe failed with statuscode: 500' };
  if (p.tcpSocket) return { ok: false, output: `dial tcp ${pc.podIP}:${portOf(p.tcpSocket.port)}: connect: connection refused` };
  return { ok: false, output: `timeout: failed to connect service "${pc.podIP}:${p.grpc?.port ?? ''}" within 1s: context deadline exceeded` };
}

export function newProbeBook(kind: ProbeKind): ProbeBook {
  return { ok: 0, bad: 0, t: -1, on: kind === 'liveness' };
}

export const PROBE_TITLE: Record<ProbeKind, string> = { startup: 'Startup', readiness: 'Readiness', liveness: 'Liveness' };

/** Startup runs until the container has started; readiness and liveness only after. */
export function probeActive(cs: ContainerStatus, kind: ProbeKind): boolean {
  return kind === 'startup' ? !cs.started : cs.started;
}

/** What the probe loop needs from the pod being simulated. */
export interface ProbeHost {
  now: number;
  ctx: ProbeContext;
  /** The container's environment (exec probes only; resolved on demand). */
  env(): { name: string; value: string }[];
  event(reason: string, message: string, type: 'Normal' | 'Warning', why?: string): void;
  changed(): void;
  kill(kind: 'liveness' | 'startup', graceSeconds: number | undefined): void;
}

/**
 * Play the probe ticks due by now. Only the last few ticks can matter (older ones were played
 * before), and a tick that changes nothing is not recorded, so replaying it is harmless.
 */
export function playProbes(host: ProbeHost, spec: ContainerSpec, cs: ContainerStatus, b: ContainerBook): void {
  for (const kind of PROBE_KINDS) {
    const p = probeOf(spec, kind);
    const pb = b.p?.[kind];
    if (!p || !pb || !probeActive(cs, kind) || b.s !== 'running') continue;
    const period = periodMs(p);
    const sth = successThreshold(p);
    const fth = failureThreshold(p);
    let from = Math.max(pb.t, host.now - (sth + fth + 1) * period, b.at - 1);
    // Readiness and liveness start once the startup probe has passed.
    if (kind !== 'startup' && b.p?.startup) from = Math.max(from, b.p.startup.t);
    const pc = p.exec ? { ...host.ctx, env: host.env() } : host.ctx;
    for (let tick = tickAfter(p, b.at, from); tick <= host.now && b.s === 'running'; tick += period) {
      const res = runProbe(kind, p, tick, pc);
      const ok0 = pb.ok;
      const bad0 = pb.bad;
      const on0 = pb.on;
      if (res.ok) {
        pb.ok = Math.min(pb.ok + 1, sth);
        pb.bad = 0;
        if (pb.ok >= sth && kind !== 'liveness') pb.on = true;
      } else {
        pb.bad++;
        pb.ok = 0;
        host.event('Unhealthy', `${PROBE_TITLE[kind]} probe failed: ${res.output}`, 'Warning', PROBE_WHY[kind](pb.bad, fth));
        if (kind === 'readiness' && pb.bad >= fth) pb.on = false;
      }
      if (pb.ok === ok0 && pb.bad === bad0 && pb.on === on0) continue;
      pb.t = tick;
      host.changed();
      if (kind === 'startup') cs.started = pb.on;
      cs.ready = cs.started && (spec.readinessProbe ? (b.p?.readiness?.on ?? false) : true);
      if ((kind === 'liveness' || kind === 'startup') && pb.bad >= fth) {
        host.event(
          'Killing',
          `Container ${spec.name} failed ${kind} probe, will be restarted`,
          'Normal',
          `${fth} ${kind} probes in a row failed; the kubelet kills the container and restarts it per restartPolicy.`,
        );
        host.kill(kind, p.terminationGracePeriodSeconds);
      }
    }
  }
}
