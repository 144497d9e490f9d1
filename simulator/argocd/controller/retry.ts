/** Retry and self-heal timing, as Argo CD computes it (RetryStrategy.NextRetryAt, selfHealRemainingBackoff). */
import { parseDuration } from '../../core/clock.js';
import type { RetryStrategy } from './types.js';
import type { ControllerSettings } from './settings.js';

export const DEFAULT_RETRY_DURATION_MS = 5_000;
export const DEFAULT_RETRY_FACTOR = 2;
export const DEFAULT_RETRY_MAX_DURATION_MS = 180_000;

/** duration · factor^retryCount, capped at maxDuration (5 s · 2ⁿ, max 3 m by default). Throws on a bad duration. */
export function retryDelayMs(retry: RetryStrategy | undefined, retryCount: number): number {
  const b = retry?.backoff;
  const duration = b?.duration ? parseGoDuration(b.duration) : DEFAULT_RETRY_DURATION_MS;
  const max = b?.maxDuration ? parseGoDuration(b.maxDuration) : DEFAULT_RETRY_MAX_DURATION_MS;
  const factor = b?.factor ?? DEFAULT_RETRY_FACTOR;
  const wait = duration * Math.pow(factor, retryCount);
  return max > 0 ? Math.min(max, wait) : wait;
}

/** parseStringToDuration: a bare number is seconds, else a Go duration ("5s", "3m"). */
function parseGoDuration(text: string): number {
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  return parseDuration(text);
}

/** Go's time.Kitchen ("3:04PM") for a virtual instant, in UTC. */
export function kitchen(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')}${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * The self-heal wait after the last operation: with the back-off (default) the delay for `attempts`
 * previous self-heal attempts is 0, 2 s, 6 s, 18 s … capped at 300 s (wait.Backoff.Step n times);
 * without it, the fixed selfHealTimeout. Minus the time since that operation finished.
 */
export function selfHealRemainingMs(settings: ControllerSettings, attempts: number, sinceFinishedMs: number | undefined): number {
  let delay: number;
  const b = settings.selfHealBackoff;
  if (!b) delay = settings.selfHealTimeoutMs;
  else {
    delay = 0;
    let d = b.durationMs;
    for (let i = 0; i < attempts; i++) {
      delay = d;
      d = Math.min(d * b.factor, b.capMs);
    }
  }
  return sinceFinishedMs === undefined ? delay : delay - sinceFinishedMs;
}
