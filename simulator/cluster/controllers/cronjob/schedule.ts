/** Cron schedules (cron-parser, standard 5 fields, optional IANA `timeZone`) and the CronJob time rules. */
import { CronExpressionParser } from 'cron-parser';

export interface Schedule {
  /** The latest schedule time ≤ `t`, or undefined if none at or after `from`. */
  latestAtOrBefore(t: number, from: number): number | undefined;
  /** The first schedule time > `t`. */
  nextAfter(t: number): number | undefined;
}

/** Schedule answers are pure functions of (expression, zone, time): memoized, since parsing is the costly part. */
const MEMO = new Map<string, number | undefined>();
const MEMO_LIMIT = 50_000;

function memo(key: string, compute: () => number | undefined): number | undefined {
  if (MEMO.has(key)) return MEMO.get(key);
  const v = compute();
  if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
  MEMO.set(key, v);
  return v;
}

const VALID = new Map<string, string | null>();

export function parseSchedule(expr: string, timeZone?: string): Schedule {
  const tz = timeZone ?? 'UTC';
  const opts = (currentDate: number) => ({ currentDate: new Date(currentDate), tz, strict: false });
  const id = `${expr}\u0000${tz}`;
  let invalid = VALID.get(id);
  if (invalid === undefined) {
    invalid = null;
    const fields = expr.trim().split(/\s+/);
    if (!expr.trim().startsWith('@') && fields.length !== 5) invalid = `expected exactly 5 fields, found ${fields.length}: ${expr}`;
    else {
      try {
        CronExpressionParser.parse(expr, opts(0)).next();
      } catch (e) {
        invalid = e instanceof Error ? e.message : String(e);
      }
    }
    VALID.set(id, invalid);
  }
  if (invalid !== null) throw new Error(invalid);
  return {
    // Standard cron fires on whole minutes, so answers depend only on the minute of `t` (better memo hits).
    latestAtOrBefore(t, from) {
      const m = Math.floor(t / 60_000) * 60_000;
      const prev = memo(`p\u0000${id}\u0000${m}`, () => CronExpressionParser.parse(expr, opts(m + 1)).prev().getTime());
      return prev !== undefined && prev >= from ? prev : undefined;
    },
    nextAfter(t) {
      const m = Math.floor(t / 60_000) * 60_000;
      return memo(`n\u0000${id}\u0000${m}`, () => {
        try {
          return CronExpressionParser.parse(expr, opts(m)).next().getTime();
        } catch {
          return undefined;
        }
      });
    },
  };
}

/**
 * mostRecentScheduleTime: the newest missed schedule time since `earliest` (exclusive) up to `now`, and how many
 * were missed (counted up to 101: only "more than 100" matters).
 */
export function mostRecentScheduleTime(s: Schedule, earliest: number, now: number): { time?: number; missed: number } {
  const t1 = s.nextAfter(earliest);
  if (t1 === undefined || t1 > now) return { missed: 0 };
  const latest = s.latestAtOrBefore(now, t1)!;
  let missed = 1;
  for (let t = t1; missed <= 100; missed++) {
    const n = s.nextAfter(t);
    if (n === undefined || n > now) break;
    t = n;
  }
  return { time: latest, missed };
}

/** Go's time.RFC1123Z, used in the MissSchedule event: `Mon, 02 Jan 2006 15:04:05 -0700`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
