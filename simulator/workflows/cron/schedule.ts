/**
 * CronWorkflow schedules on the virtual clock: `schedules` (or legacy `schedule`) in `timezone`, using the
 * cluster CronJob controller's cron-parser helpers (standard 5 fields).
 */
import { CronExpressionParser } from 'cron-parser';
import { parseSchedule } from '../../cluster/controllers/cronjob/schedule.js';
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

/**
 * Fire times of one schedule, computed in batches from one parse (cron-parser's iterator) and kept as a
 * sorted window: fast-forwarding a day of `*\/5` runs parses a handful of times, not once per run.
 */
class FireTimes {
  private times: number[] = [];
  /** The window holds every fire time in (from, times[last]]. */
  private from = Number.POSITIVE_INFINITY;

  constructor(
    private readonly expr: string,
    private readonly tz: string,
  ) {
    parseSchedule(expr, tz); // throws the CronJob helper's validation errors
  }

  private fill(after: number, until: number): void {
    const it = CronExpressionParser.parse(this.expr, { currentDate: new Date(Math.floor(after / 60_000) * 60_000), tz: this.tz, strict: false });
    const out: number[] = [];
    for (let n = 0; n < 100_000; n++) {
      let t: number;
      try {
        t = it.next().getTime();
      } catch {
        break; // no more fire times (e.g. a date in the past)
      }
      if (t <= after) continue;
      out.push(t);
      if (t > until && out.length >= 64) break;
    }
    this.from = after;
    this.times = out;
  }

  /** Make the window cover (since, now] and one fire time beyond `now`. */
  private cover(since: number, now: number): void {
    const last = this.times[this.times.length - 1];
    if (since >= this.from && last !== undefined && last > now) return;
    this.fill(Math.min(since, now), now);
  }

  latestIn(since: number, now: number): number | undefined {
    // Long gaps (a restored old snapshot, a monthly schedule): one backwards step instead of a long walk.
    if (now - since > 2 * 86_400_000) {
      const t = parseSchedule(this.expr, this.tz).latestAtOrBefore(now, since + 1);
      return t !== undefined && t > since ? t : undefined;
    }
    this.cover(since, now);
    let lo = 0;
    let hi = this.times.length - 1;
    let best: number | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] <= now) {
        best = this.times[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best !== undefined && best > since ? best : undefined;
  }

  nextAfter(now: number): number | undefined {
    this.cover(now, now);
    return this.times.find((t) => t > now);
  }
}

const WINDOWS = new Map<string, FireTimes>();

function fireTimes(spec: CronSpecView): FireTimes[] {
  const tz = tzOf(spec) ?? 'UTC';
  return cronSchedules(spec as Record<string, unknown>).map((expr) => {
    const key = `${expr}\u0000${tz}`;
    let w = WINDOWS.get(key);
    if (!w) {
      if (WINDOWS.size > 500) WINDOWS.clear();
      w = new FireTimes(expr, tz);
      WINDOWS.set(key, w);
    }
    return w;
  });
}

/** The latest fire time in (since, now] over all schedules, if any. */
export function latestFireTime(spec: CronSpecView, since: number, now: number): number | undefined {
  let best: number | undefined;
  for (const s of fireTimes(spec)) {
    const t = s.latestIn(since, now);
    if (t !== undefined && (best === undefined || t > best)) best = t;
  }
  return best;
}

/** The first fire time after `now` over all schedules. */
export function nextFireTime(spec: CronSpecView, now: number): number | undefined {
  let best: number | undefined;
  for (const s of fireTimes(spec)) {
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
