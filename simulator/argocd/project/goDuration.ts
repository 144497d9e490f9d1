/** Go's time.ParseDuration (sync window `duration`): units ns, us/µs, ms, s, m, h; no days. */
const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseGoDuration(text: string): number {
  const bad = () => new Error(`time: invalid duration "${text}"`);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw bad();
  let total = 0;
  const re = /^(\d+\.?\d*|\.\d+)([^\d.]*)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m) throw bad();
    if (!m[2]) throw new Error(`time: missing unit in duration "${text}"`);
    const unit = UNITS[m[2]];
    if (unit === undefined) throw new Error(`time: unknown unit "${m[2]}" in duration "${text}"`);
    total += parseFloat(m[1]!) * unit;
    s = s.slice(m[0].length);
  }
  return sign * total;
}
