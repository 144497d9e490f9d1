/** Sprig's math: integer functions return int64 (cast.ToInt64 on every argument), the `*f` ones float64. */
import type { GoFunc, GoValue } from '../gotemplate/value.js';
import { FuncError, int, toFloat64, toInt64 } from './convert.js';

function untilStep(start: number, stop: number, step: number): GoValue[] {
  const out: GoValue[] = [];
  if (step === 0) return out;
  if (start < stop) {
    if (step < 0) return out;
    for (let i = start; i < stop; i += step) out.push(BigInt(i));
  } else {
    if (step > 0) return out;
    for (let i = start; i > stop; i += step) out.push(BigInt(i));
  }
  return out;
}

/** Go's math.Round(x*10^p)/10^p with sprig's `round` rounding-point argument. */
function round(a: number, p: number, r: number): number {
  const pow = 10 ** p;
  const digit = a * pow;
  const floor = Math.floor(digit);
  return (digit - floor >= r ? Math.ceil(digit) : floor) / pow;
}

export const mathFuncs: Record<string, GoFunc> = {
  add: (...xs) => xs.reduce<bigint>((s, x) => s + toInt64(x), 0n),
  add1: (x) => toInt64(x) + 1n,
  sub: (a, b) => toInt64(a) - toInt64(b),
  mul: (a, ...xs) => xs.reduce<bigint>((s, x) => s * toInt64(x), toInt64(a)),
  div: (a, b) => {
    const d = toInt64(b);
    if (d === 0n) throw new FuncError('runtime error: integer divide by zero');
    return toInt64(a) / d;
  },
  mod: (a, b) => {
    const d = toInt64(b);
    if (d === 0n) throw new FuncError('runtime error: integer divide by zero');
    return toInt64(a) % d;
  },
  max: (a, ...xs) => xs.reduce<bigint>((m, x) => (toInt64(x) > m ? toInt64(x) : m), toInt64(a)),
  min: (a, ...xs) => xs.reduce<bigint>((m, x) => (toInt64(x) < m ? toInt64(x) : m), toInt64(a)),
  addf: (...xs) => xs.reduce<number>((s, x) => s + toFloat64(x), 0),
  add1f: (x) => toFloat64(x) + 1,
  subf: (a, ...xs) => xs.reduce<number>((s, x) => s - toFloat64(x), toFloat64(a)),
  mulf: (a, ...xs) => xs.reduce<number>((s, x) => s * toFloat64(x), toFloat64(a)),
  divf: (a, ...xs) => xs.reduce<number>((s, x) => s / toFloat64(x), toFloat64(a)),
  maxf: (a, ...xs) => xs.reduce<number>((m, x) => Math.max(m, toFloat64(x)), toFloat64(a)),
  minf: (a, ...xs) => xs.reduce<number>((m, x) => Math.min(m, toFloat64(x)), toFloat64(a)),
  floor: (a) => Math.floor(toFloat64(a)),
  ceil: (a) => Math.ceil(toFloat64(a)),
  round: (a, p, ...r) => round(toFloat64(a), int(p), r.length > 0 ? toFloat64(r[0]) : 0.5),
  int: (v) => toInt64(v),
  int64: (v) => toInt64(v),
  float64: (v) => toFloat64(v),
  atoi: (v) => {
    const s = typeof v === 'string' ? v : '';
    return /^[+-]?\d+$/.test(s) ? BigInt(s) : 0n;
  },
  until: (count) => {
    const n = int(count);
    return untilStep(0, n, n < 0 ? -1 : 1);
  },
  untilStep: (start, stop, step) => untilStep(int(start), int(stop), int(step)),
  seq: (...params) => {
    const ns = params.map((p) => Number(toInt64(p)));
    const [a, b, c] = ns.length === 1 ? [1, ns[0]!, ns[0]! >= 1 ? 1 : -1] : ns.length === 2 ? [ns[0]!, ns[1]!, ns[1]! >= ns[0]! ? 1 : -1] : [ns[0]!, ns[2]!, ns[1]!];
    const out: number[] = [];
    if (c === 0) return '';
    for (let i = a; c > 0 ? i <= b : i >= b; i += c) out.push(i);
    return out.join(' ');
  },
};
