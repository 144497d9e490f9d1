/** What the simulated runtime knows about well-known images: entrypoints, servers, sizes, digests. */

export interface ImageProfile {
  /** Repository name without registry or tag, e.g. `nginx`, `library/busybox` → `busybox`. */
  name: string;
  entrypoint: string[];
  cmd: string[];
  /** A long-running server when started with its default command. */
  server: boolean;
  /** Log lines the server prints at start (its real first lines, shortened). */
  startupLines: string[];
  /** Compressed size, for the kubelet's `Image size: N bytes`. */
  sizeBytes: number;
}

const SHELL_IMAGES = new Set(['busybox', 'alpine', 'ubuntu', 'debian', 'bash', 'centos', 'fedora']);

const SERVERS: Record<string, { lines: string[]; size: number }> = {
  nginx: {
    size: 72_099_501,
    lines: [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      'nginx: [notice] start worker processes',
    ],
  },
  httpd: { size: 58_193_000, lines: ['AH00558: httpd: Could not reliably determine the server\'s fully qualified domain name', 'AH00094: Command line: \'httpd -D FOREGROUND\''] },
  redis: { size: 45_212_000, lines: ['# oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '* Ready to accept connections tcp'] },
  memcached: { size: 32_600_000, lines: [] },
  postgres: { size: 158_400_000, lines: ['database system is ready to accept connections'] },
  mysql: { size: 170_300_000, lines: ['ready for connections.'] },
};

const SHELL_SIZES: Record<string, number> = { busybox: 2_167_176, alpine: 3_653_524, ubuntu: 29_754_422, debian: 49_557_601 };

/** `nginx:1.25` → `docker.io/library/nginx:1.25`, like containerd reports it in `status.containerStatuses[].image`. */
const normalized = new Map<string, string>();

export function normalizeImage(image: string): string {
  let ref = normalized.get(image);
  if (ref === undefined) {
    if (normalized.size > 10_000) normalized.clear();
    normalized.set(image, (ref = computeNormalized(image)));
  }
  return ref;
}

function computeNormalized(image: string): string {
  let ref = image;
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) ref = 'docker.io/' + (slash < 0 ? 'library/' : '') + ref;
  if (!ref.includes('@') && !/:[^/]+$/.test(ref)) ref += ':latest';
  return ref;
}

/** The repository's short name: `docker.io/library/nginx:1.25` → `nginx`. */
function shortName(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? last : last.slice(0, colon);
}

const profiles = new Map<string, ImageProfile>();

/** Profiles are shared and must not be changed by callers. */
export function imageProfile(image: string): ImageProfile {
  let p = profiles.get(image);
  if (p === undefined) {
    if (profiles.size > 10_000) profiles.clear();
    profiles.set(image, (p = computeProfile(image)));
  }
  return p;
}

function computeProfile(image: string): ImageProfile {
  const name = shortName(image);
  if (SHELL_IMAGES.has(name)) {
    // Their default CMD is a shell that exits 0 at once without a TTY.
    return { name, entrypoint: [], cmd: ['sh'], server: false, startupLines: [], sizeBytes: SHELL_SIZES[name] ?? 30_000_000 };
  }
  const server = SERVERS[name];
  if (server) return { name, entrypoint: [], cmd: [], server: true, startupLines: server.lines, sizeBytes: server.size };
  // Unknown application images are assumed to be long-running services, the common case.
  return { name, entrypoint: [], cmd: [], server: true, startupLines: [], sizeBytes: 20_000_000 + (fnv1a(name) % 80_000_000) };
}

export function imageSizeBytes(image: string): number {
  return imageProfile(image).sizeBytes;
}

/** `docker.io/library/nginx@sha256:…`: a stable fake digest per image reference. */
const digests = new Map<string, string>();

export function imageDigest(image: string): string {
  let d = digests.get(image);
  if (d === undefined) {
    if (digests.size > 10_000) digests.clear();
    digests.set(image, (d = computeDigest(image)));
  }
  return d;
}

function computeDigest(image: string): string {
  const ref = normalizeImage(image);
  const repo = ref.includes('@') ? ref.slice(0, ref.indexOf('@')) : ref.replace(/:[^/:]+$/, '');
  return `${repo}@sha256:${hex64(ref)}`;
}

export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 64 hex characters derived from a string (container IDs, digests). */
export function hex64(text: string): string {
  let out = '';
  let h = fnv1a(text);
  for (let i = 0; i < 8; i++) {
    // murmur3's finalizer spreads one hash into eight words.
    h = (h + 0x9e3779b9) >>> 0;
    let z = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    const w = (z ^ (z >>> 16)) >>> 0;
    out += HEX[w >>> 24]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
  }
  return out;
}
