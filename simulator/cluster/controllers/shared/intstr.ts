/** IntOrString fields (maxSurge, maxUnavailable): `3` or `"25%"`, scaled like intstr.GetScaledValueFromIntOrPercent. */

export function scaledValue(value: unknown, total: number, roundUp: boolean, fallback: string | number): number {
  const v = value === undefined || value === null ? fallback : value;
  if (typeof v === 'number') return Math.trunc(v);
  const s = String(v).trim();
  if (s.endsWith('%')) {
    const pct = parseInt(s.slice(0, -1), 10);
    if (!Number.isFinite(pct)) throw new Error(`invalid value for IntOrString: invalid value "${s}"`);
    const raw = (pct * total) / 100;
    return roundUp ? Math.ceil(raw) : Math.floor(raw);
  }
  const n = parseInt(s, 10);
  if (!Number.isFinite(n)) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  return n;
}
