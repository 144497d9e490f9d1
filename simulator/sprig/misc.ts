/** Sprig's defaults, reflection, encoding, hashing, paths, time and random functions. */
import { Rng } from '../core/rng.js';
import { sha1Hex } from '../git/sha1.js';
import { fromBase64, toBase64 } from '../git/memFs.js';
import { sha256Hex } from '../argocd/repoServer/sha256.js';
import { formatTime } from '../gotemplate/time.js';
import { deepEqual, GoTime, isNil, kindName, typeName, type GoFunc, type GoMap, type GoValue } from '../gotemplate/value.js';
import { ArgTypeError, empty, FuncError, int, str, strval, toInt64 } from './convert.js';
import { compareSemver, parseSemver, semverCompare } from './semver.js';

/** Where Sprig's clock and randomness come from: the sandbox's virtual clock and seeded Rng, never the host's. */
export interface SprigEnv {
  /** Virtual epoch milliseconds for `now`. Default: the Unix epoch. */
  now?: () => number;
  rng?: Rng;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toTime(v: GoValue, now: () => number): GoTime {
  if (v instanceof GoTime) return v;
  if (typeof v === 'bigint') return new GoTime(Number(v) * 1000);
  if (typeof v === 'number') return new GoTime(Math.trunc(v) * 1000);
  return new GoTime(now());
}

/** time.Duration.String for whole seconds: 1h2m3s, 45s, 0s. */
function durationString(totalSeconds: number): string {
  if (totalSeconds === 0) return '0s';
  const sign = totalSeconds < 0 ? '-' : '';
  let s = Math.abs(totalSeconds);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const NUM = '0123456789';

function randomFrom(rng: Rng, alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg !== '..' || !abs) out.push(seg);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined || '.';
}

export function miscFuncs(env: SprigEnv): Record<string, GoFunc> {
  const now = env.now ?? (() => 0);
  const rng = env.rng ?? new Rng(0);
  return {
    default: (d, ...given) => (given.length === 0 || empty(given[0]) ? d : given[0]),
    empty: (v) => empty(v),
    coalesce: (...vs) => vs.find((v) => !empty(v)) ?? null,
    all: (...vs) => vs.every((v) => !empty(v)),
    any: (...vs) => vs.some((v) => !empty(v)),
    ternary: (vt, vf, cond) => {
      if (typeof cond !== 'boolean') throw new ArgTypeError(`wrong type for value; expected bool; got ${typeName(cond)}`);
      return cond ? vt : vf;
    },
    fail: (msg) => {
      throw new FuncError(str(msg));
    },
    required: (warn, val) => {
      if (isNil(val) || val === '') throw new FuncError(str(warn));
      return val;
    },
    typeOf: (v) => typeName(v),
    typeIs: (t, v) => str(t) === typeName(v),
    typeIsLike: (t, v) => str(t) === typeName(v) || str(t) === `*${typeName(v)}`,
    kindOf: (v) => kindName(v),
    kindIs: (k, v) => str(k) === kindName(v),
    deepEqual: (a, b) => deepEqual(a, b),
    b64enc: (s) => toBase64(encoder.encode(strval(s))),
    b64dec: (s) => {
      try {
        return decoder.decode(fromBase64(str(s)));
      } catch {
        return 'illegal base64 data at input byte 0';
      }
    },
    sha256sum: (s) => sha256Hex(str(s)),
    sha1sum: (s) => sha1Hex(encoder.encode(str(s))),
    adler32sum: (s) => {
      let a = 1;
      let b = 0;
      for (const byte of encoder.encode(str(s))) {
        a = (a + byte) % 65521;
        b = (b + a) % 65521;
      }
      return String(((b << 16) | a) >>> 0);
    },
    base: (p) => {
      const t = str(p).replace(/\/+$/, '');
      return t === '' ? (str(p) === '' ? '.' : '/') : t.slice(t.lastIndexOf('/') + 1);
    },
    dir: (p) => {
      const t = str(p);
      const i = t.lastIndexOf('/');
      return cleanPath(i < 0 ? '.' : t.slice(0, i + 1));
    },
    ext: (p) => {
      const t = str(p);
      const m = /\.[^./]*$/.exec(t);
      return m ? m[0] : '';
    },
    clean: (p) => cleanPath(str(p)),
    isAbs: (p) => str(p).startsWith('/'),
    // No process environment in the sandbox.
    env: () => '',
    expandenv: (s) => str(s).replace(/\$\{?\w+\}?/g, ''),
    now: () => new GoTime(now()),
    date: (fmt, t) => formatTime(toTime(t, now), str(fmt)),
    dateInZone: (fmt, t) => formatTime(toTime(t, now), str(fmt)),
    htmlDate: (t) => formatTime(toTime(t, now), '2006-01-02'),
    unixEpoch: (t) => String(Math.floor(toTime(t, now).ms / 1000)),
    toDate: (_layout, s) => {
      const ms = Date.parse(str(s));
      return new GoTime(Number.isNaN(ms) ? -62_135_596_800_000 : ms);
    },
    dateModify: (d, t) => {
      const m = /^([+-]?\d+(?:\.\d+)?)(h|m|s|ms)$/.exec(str(d));
      const base = toTime(t, now);
      if (!m) return base;
      const unit = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
      return new GoTime(base.ms + Number(m[1]) * unit);
    },
    ago: (t) => durationString(Math.round((now() - toTime(t, now).ms) / 1000)),
    duration: (sec) => durationString(Number(toInt64(sec))),
    uuidv4: () => rng.uuid(),
    randAlphaNum: (n) => randomFrom(rng, ALPHA + NUM, int(n)),
    randAlpha: (n) => randomFrom(rng, ALPHA, int(n)),
    randNumeric: (n) => randomFrom(rng, NUM, int(n)),
    randAscii: (n) => randomFrom(rng, Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join(''), int(n)),
    randInt: (min, max) => BigInt(rng.int(Number(toInt64(min)), Number(toInt64(max)) - 1)),
    shuffle: (s) => {
      const chars = [...str(s)];
      for (let i = chars.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [chars[i], chars[j]] = [chars[j]!, chars[i]!];
      }
      return chars.join('');
    },
    semverCompare: (c, v) => semverCompare(str(c), str(v)),
    semver: (v) => {
      const p = parseSemver(str(v));
      const out: GoMap = { Major: BigInt(p.major), Minor: BigInt(p.minor), Patch: BigInt(p.patch), Prerelease: p.pre, Original: str(v) };
      return out;
    },
    semverCmp: (a, b) => BigInt(Math.sign(compareSemver(parseSemver(str(a)), parseSemver(str(b))))),
  };
}
