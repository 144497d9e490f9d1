/**
 * Masterminds/semver v3 constraints for sprig's `semverCompare` (`>=1.19-0`, `^1.2`, `~1.2.3`, `1.x`,
 * `>= 1.2, < 2`, `a || b`, `1.2 - 1.4`). A pre-release version matches only constraints that have a
 * pre-release on the same major.minor.patch — or `-0`-style ones, the Helm idiom for "any pre-release too".
 */
import { FuncError } from './convert.js';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseSemver(text: string): SemVer {
  const m = VERSION.exec(text.trim());
  if (!m) throw new FuncError('Invalid Semantic Version');
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ?? '' };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const x = as[i];
    const y = bs[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareSemver(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre);
}

interface Bound {
  op: string;
  v: SemVer;
  /** Which parts were wildcards or absent: 1 = only major given, 2 = major.minor. */
  given: number;
  hasPre: boolean;
}

function parseBound(op: string, text: string): Bound {
  const parts = text.replace(/^v/, '').split('-')[0]!.split('.');
  const isWild = (p: string | undefined): boolean => p === undefined || p === 'x' || p === 'X' || p === '*';
  const given = isWild(parts[0]) ? 0 : isWild(parts[1]) ? 1 : isWild(parts[2]) ? 2 : 3;
  const clean = [parts[0], parts[1], parts[2]].map((p) => (isWild(p) ? '0' : p)).join('.');
  const pre = text.includes('-') ? text.slice(text.indexOf('-')) : '';
  return { op, v: parseSemver(clean + pre), given, hasPre: pre !== '' };
}

function bump(v: SemVer, part: 'major' | 'minor' | 'patch'): SemVer {
  if (part === 'major') return { major: v.major + 1, minor: 0, patch: 0, pre: '' };
  if (part === 'minor') return { major: v.major, minor: v.minor + 1, patch: 0, pre: '' };
  return { major: v.major, minor: v.minor, patch: v.patch + 1, pre: '' };
}

function satisfies(v: SemVer, b: Bound): boolean {
  const c = compareSemver(v, b.v);
  const lt = (x: SemVer): boolean => compareSemver(v, x) < 0;
  switch (b.op) {
    case '=':
    case '':
      if (b.given === 0) return true;
      if (b.given < 3) return c >= 0 && lt(bump(b.v, b.given === 1 ? 'major' : 'minor'));
      return c === 0;
    case '!=':
      return !satisfies(v, { ...b, op: '=' });
    case '>':
      if (b.given < 3 && b.given > 0) return !lt(bump(b.v, b.given === 1 ? 'major' : 'minor'));
      return c > 0;
    case '>=':
    case '=>':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
    case '=<':
      if (b.given < 3 && b.given > 0) return lt(bump(b.v, b.given === 1 ? 'major' : 'minor'));
      return c <= 0;
    case '~':
    case '~>':
      return c >= 0 && lt(bump(b.v, b.given === 1 ? 'major' : 'minor'));
    case '^':
      if (b.v.major > 0 || b.given === 1) return c >= 0 && lt(bump(b.v, 'major'));
      if (b.v.minor > 0 || b.given === 2) return c >= 0 && lt(bump(b.v, 'minor'));
      return c >= 0 && lt(bump(b.v, 'patch'));
    default:
      throw new FuncError(`improper constraint: ${b.op}${b.v.major}`);
  }
}

function andGroup(text: string): Bound[] {
  const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(text);
  if (hyphen) return [parseBound('>=', hyphen[1]!), parseBound('<=', hyphen[2]!)];
  const out: Bound[] = [];
  const re = /(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?\s*(v?[0-9xX*][0-9A-Za-z.+*-]*)/g;
  const rest = text.replace(/,/g, ' ');
  let m: RegExpExecArray | null;
  let consumed = '';
  while ((m = re.exec(rest))) {
    out.push(parseBound(m[1] ?? '', m[2]!));
    consumed += m[0];
  }
  if (out.length === 0 || consumed.replace(/\s/g, '') !== rest.replace(/\s/g, '')) throw new FuncError(`improper constraint: ${text.trim()}`);
  return out;
}

/** `semverCompare constraint version`. */
export function semverCompare(constraint: string, version: string): boolean {
  const v = parseSemver(version);
  return constraint.split('||').some((group) => {
    const bounds = andGroup(group);
    // Pre-releases only match when a bound of the group carries one.
    if (v.pre !== '' && !bounds.some((b) => b.hasPre)) return false;
    return bounds.every((b) => satisfies(v, b));
  });
}
