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

/** Images the runtime knows by short name; anything else is taken for a long-running application. */
interface KnownImage {
  /** Shells' default CMD is `sh`, which exits 0 at once without a TTY; servers keep running. */
  server: boolean;
  sizeBytes: number;
  startupLines?: string[];
  /** ENTRYPOINT / CMD when not a shell's (`sh`). */
  entrypoint?: string[];
  cmd?: string[];
}

const KNOWN_IMAGES = new Map<string, KnownImage>([
  ['busybox', { server: false, sizeBytes: 2_167_176 }],
  ['alpine', { server: false, sizeBytes: 3_653_524 }],
  ['ubuntu', { server: false, sizeBytes: 29_754_422 }],
  ['debian', { server: false, sizeBytes: 49_557_601 }],
  ['bash', { server: false, sizeBytes: 30_000_000 }],
  // Argo Workflows' images: the test/example image, the whale, the executor; python for script templates.
  ['argosay', { server: false, sizeBytes: 1_823_000, entrypoint: ['/argosay'], cmd: [] }],
  ['whalesay', { server: false, sizeBytes: 103_000_000, cmd: ['/bin/bash'] }],
  ['argoexec', { server: false, sizeBytes: 38_500_000, entrypoint: ['argoexec'], cmd: [] }],
  ['python', { server: false, sizeBytes: 48_900_000, cmd: ['python3'] }],
  ['centos', { server: false, sizeBytes: 30_000_000 }],
  ['fedora', { server: false, sizeBytes: 30_000_000 }],
  [
    'nginx',
    {
      server: true,
      sizeBytes: 72_099_501,
      startupLines: [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        'nginx: [notice] start worker processes',
      ],
    },
  ],
  ['httpd', { server: true, sizeBytes: 58_193_000, startupLines: ["AH00558: httpd: Could not reliably determine the server's fully qualified domain name", "AH00094: Command line: 'httpd -D FOREGROUND'"] }],
  ['redis', { server: true, sizeBytes: 45_212_000, startupLines: ['# oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '* Ready to accept connections tcp'] }],
  ['memcached', { server: true, sizeBytes: 32_600_000 }],
  ['postgres', { server: true, sizeBytes: 158_400_000, startupLines: ['database system is ready to accept connections'] }],
  ['mysql', { server: true, sizeBytes: 170_300_000, startupLines: ['ready for connections.'] }],
]);

/** Per-reference results are computed once; the cache is dropped if a run uses an absurd number of references. */
function cachedByImage<T>(compute: (image: string) => T): (image: string) => T {
  const cache = new Map<string, T>();
  return (image) => {
    let v = cache.get(image);
    if (v === undefined) {
      if (cache.size > 10_000) cache.clear();
      cache.set(image, (v = compute(image)));
    }
    return v;
  };
}

/** `nginx:1.25` → `docker.io/library/nginx:1.25`, like containerd reports it in `status.containerStatuses[].image`. */
export const normalizeImage = cachedByImage((image) => {
  let ref = image;
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) ref = 'docker.io/' + (slash < 0 ? 'library/' : '') + ref;
  if (!ref.includes('@') && !/:[^/]+$/.test(ref)) ref += ':latest';
  return ref;
});

/** The repository's short name: `docker.io/library/nginx:1.25` → `nginx`. */
function shortName(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? last : last.slice(0, colon);
}

/** Profiles are shared and must not be changed by callers. */
export const imageProfile = cachedByImage((image): ImageProfile => {
  const name = shortName(image);
  const known = KNOWN_IMAGES.get(name);
  if (known) {
    return {
      name,
      entrypoint: known.entrypoint ?? [],
      cmd: known.cmd ?? (known.server ? [] : ['sh']),
      server: known.server,
      startupLines: known.startupLines ?? [],
      sizeBytes: known.sizeBytes,
    };
  }
  // Unknown application images are assumed to be long-running services, the common case.
  return { name, entrypoint: [], cmd: [], server: true, startupLines: [], sizeBytes: 20_000_000 + (fnv1a(name) % 80_000_000) };
});

export function imageSizeBytes(image: string): number {
  return imageProfile(image).sizeBytes;
}

/** `docker.io/library/nginx@sha256:…`: a stable fake digest per image reference. */
export const imageDigest = cachedByImage((image) => {
  const ref = normalizeImage(image);
  const repo = ref.includes('@') ? ref.slice(0, ref.indexOf('@')) : ref.replace(/:[^/:]+$/, '');
  return `${repo}@sha256:${hex64(ref)}`;
});

export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 64 hex characters derived from a string (container IDs, digests). */
export function hex64(text: string): string {
  // Built as one flat string from its bytes (not 32 concatenations): one per container start.
  const bytes = HEX_BYTES;
  let h = fnv1a(text);
  for (let i = 0; i < 8; i++) {
    // murmur3's finalizer spreads one hash into eight words.
    h = (h + 0x9e3779b9) >>> 0;
    let z = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    const w = (z ^ (z >>> 16)) >>> 0;
    for (let j = 0; j < 8; j++) bytes[i * 8 + j] = HEX_DIGITS.charCodeAt((w >>> (28 - 4 * j)) & 0xf);
  }
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

const HEX_DIGITS = '0123456789abcdef';
const HEX_BYTES = new Uint16Array(64);
