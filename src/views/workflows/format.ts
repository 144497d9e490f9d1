/** Virtual times as the header shows them (`T+00:01:05` since the scenario start) and short durations. */
export function tPlus(ms: number | undefined, startTime: number): string {
  if (ms === undefined) return '—';
  const s = Math.max(0, Math.floor((ms - startTime) / 1000));
  const d = Math.floor(s / 86400);
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `T+${d ? `${d}d ` : ''}${hh}:${mm}:${ss}`;
}

/** `850ms`, `12s`, `3m 5s`, `2h 4m`. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** Start → finish, or start → now while it runs. */
export function elapsed(start: number | undefined, finish: number | undefined, now: number): number | undefined {
  if (start === undefined) return undefined;
  return (finish ?? now) - start;
}
