/**
 * CronWorkflow schedules on the virtual clock: `schedules` (or legacy `schedule`) in `timezone`, using the
 * cluster CronJob controller's cron-parser helpers (standard 5 fields).
 */
import { parseSchedule } from '../../cluster/controllers/cronjob/schedule.js';
import type { Schedule } from '../../cluster/controllers/cronjob/schedule.js';
import { cronSchedules } from '../lint/index.js';

export interface CronSpecView {
  schedules?: unknown;
  schedule?: unknown;
  timezone?: unknown;
}

const tzOf = (spec: CronSpecView): string | undefined => (typeof spec.timezone === 'string' && spec.timezone ? spec.timezone : undefined);

/** GetScheduleWithTimezoneString: `CRON_TZ=<tz> <expr>` joined by commas (the last-used-schedule annotation). */
export function scheduleWithTimezoneString(spec: CronSpecView): string {
  const tz = tzOf(spec);
  return cronSchedules(spec as Record<string, unknown>)
    .map((s) => (tz ? `CRON_TZ=${tz} ${s}` : s))
    .join(',');
}

function parsed(spec: CronSpecView): Schedule[] {
  return cronSchedules(spec as Record<string, unknown>).map((s) => parseSchedule(s, tzOf(spec)));
}

/** The latest fire time in (since, now] over all schedules, if any. */
export function latestFireTime(spec: CronSpecView, since: number, now: number): number | undefined {
  let best: number | undefined;
  for (const s of parsed(spec)) {
    const t = s.latestAtOrBefore(now, since + 1);
    if (t !== undefined && t > since && (best === undefined || t > best)) best = t;
  }
  return best;
}

/** The first fire time after `now` over all schedules. */
export function nextFireTime(spec: CronSpecView, now: number): number | undefined {
  let best: number | undefined;
  for (const s of parsed(spec)) {
    const t = s.nextAfter(now);
    if (t !== undefined && (best === undefined || t < best)) best = t;
  }
  return best;
}

/** Go's time.RFC3339 of a scheduled time in the schedule's zone (`2025-01-01T09:00:00+09:00`, or `Z` in UTC). */
export function rfc3339In(ms: number, timeZone?: string): string {
  const utc = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!timeZone || timeZone === 'UTC') return utc;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(ms));
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return utc;
  const sign = m[1] === '-' ? -1 : 1;
  const offsetMin = sign * (Number(m[2]) * 60 + Number(m[3] ?? '0'));
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19);
  return `${local}${m[1]}${m[2]}:${m[3] ?? '00'}`;
}
