/**
 * Durations the kubelet plays in virtual time: defaults that feel real, with deterministic jitter
 * from the pod's uid (no RNG draws, so one pod's timings never depend on another's), and
 * per-pod overrides by annotation (listed in kubelet/index.ts).
 */
import { parseDuration } from '../../core/clock.js';
import { fnv1a, imageSizeBytes } from '../../runtime/index.js';
import type { ObjectMeta } from '../types.js';

export const ANNOTATION_PREFIX = 'sandbox.argoproj.io/';

/** The kubelet's container restart back-off (pkg/kubelet: backOffPeriod, MaxContainerBackOff). */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

/** A fraction in [0, 1) that is stable for (pod, container, restart, what). */
export function jitter(uid: string, container: string, restart: number, what: string): number {
  return fnv1a(`${uid}/${container}/${restart}/${what}`) / 4294967296;
}

export function annotationMs(meta: ObjectMeta, name: string): number | undefined {
  const raw = meta.annotations?.[ANNOTATION_PREFIX + name];
  if (raw === undefined) return undefined;
  try {
    return parseDuration(raw);
  } catch {
    return undefined;
  }
}

/**
 * Image pull: about 1 s for a small image up to 3 s for a big one, ±15 %. Re-pulling an image the
 * node has (policy Always) only resolves the manifest: 0.3–0.6 s.
 */
export function pullMs(meta: ObjectMeta, image: string, container: string, restart: number, cached: boolean): number {
  const fixed = annotationMs(meta, 'image-pull-duration');
  if (fixed !== undefined) return fixed;
  const base = cached ? 450 : 1000 + Math.min(2000, (imageSizeBytes(image) / 1e6) * 25);
  const spread = cached ? 0.65 + 0.7 * jitter(meta.uid ?? '', container, restart, 'pull') : 0.85 + 0.3 * jitter(meta.uid ?? '', container, restart, 'pull');
  return Math.round(base * spread);
}

/** Create + start the container: 0.3–1 s. */
export function startMs(meta: ObjectMeta, container: string, restart: number): number {
  const fixed = annotationMs(meta, 'start-duration');
  if (fixed !== undefined) return fixed;
  return Math.round(300 + 700 * jitter(meta.uid ?? '', container, restart, 'start'));
}

/** A process that handles SIGTERM exits after 0.1–0.3 s. */
export function stopMs(meta: ObjectMeta, container: string, restart: number): number {
  const fixed = annotationMs(meta, 'stop-duration');
  if (fixed !== undefined) return fixed;
  return Math.round(100 + 200 * jitter(meta.uid ?? '', container, restart, 'stop'));
}

/** client-go flowcontrol.Backoff.Next: first 10 s, then doubling to 5 min; reset after 2×max without a crash. */
export function nextBackoff(bo: [number, number] | undefined, eventTime: number, now: number): [number, number] {
  if (!bo || eventTime - bo[1] > 2 * BACKOFF_MAX_MS) return [BACKOFF_INITIAL_MS, now];
  return [Math.min(bo[0] * 2, BACKOFF_MAX_MS), now];
}

/** flowcontrol.Backoff.IsInBackOffSince, evaluated right when the container exits. */
export function inBackoff(bo: [number, number] | undefined, finishedAt: number): boolean {
  return bo !== undefined && !(finishedAt - bo[1] > 2 * BACKOFF_MAX_MS);
}

/** Go's time.Duration.String(): 1.2s, 512ms, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}
