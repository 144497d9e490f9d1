/** Virtual time: milliseconds since the Unix epoch, moved only by the scheduler. */
export class VirtualClock {
  /** Last formatted second: timestamps are written on most writes, and many fall in the same second. */
  private isoSecond = NaN;
  private isoText = '';

  constructor(private nowMs: number) {}

  now(): number {
    return this.nowMs;
  }

  /** Kubernetes timestamps have second precision: `2024-01-01T00:00:00Z`. */
  iso(ms: number = this.nowMs): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.isoSecond) {
      this.isoSecond = second;
      this.isoText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    }
    return this.isoText;
  }

  /** Jump to a saved time: only a snapshot restore does this. */
  restore(ms: number): void {
    this.nowMs = ms;
  }

  /** Only the scheduler calls this; time never goes backwards. */
  set(ms: number): void {
    if (ms < this.nowMs) throw new Error(`virtual clock cannot go back from ${this.nowMs} to ${ms}`);
    this.nowMs = ms;
  }
}

/** Parse a duration like `90s`, `5m`, `1h30m`, `250ms`, `2d` or a plain number of seconds into ms. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(parseFloat(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    total += parseFloat(m[1]!) * unit[m[2]!]!;
    consumed += m[0].length;
  }
  if (consumed !== s.length || consumed === 0) {
    throw new Error(`invalid duration "${text}": expected a number with a unit, e.g. 30s, 5m, 1h30m`);
  }
  return Math.round(total);
}
