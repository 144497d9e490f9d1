/**
 * A few files every container of a well-known image finds in its root filesystem: `/etc/os-release`
 * (distributions only: busybox has none), `/etc/passwd`, `/etc/group`. Enough for `cat /etc/os-release`
 * and for saving `/etc` as an artifact. Versions follow the image tag; `latest` or no tag is the current release.
 */
import { imageProfile } from './images.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const GROUP = 'root:x:0:\nnogroup:x:65534:\n';

const DEBIAN: Record<string, [string, string]> = { '8': ['8', 'jessie'], '9': ['9', 'stretch'], '10': ['10', 'buster'], '11': ['11', 'bullseye'], '12': ['12', 'bookworm'], '13': ['13', 'trixie'] };
const UBUNTU: Record<string, string> = { '16.04': 'xenial', '17.10': 'artful', '18.04': 'bionic', '20.04': 'focal', '22.04': 'jammy', '24.04': 'noble' };

function tagOf(image: string): string {
  const ref = image.split('@')[0]!;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(colon + 1) : 'latest';
}

function osRelease(name: string, tag: string): string | undefined {
  const kv = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}="${v}"`).join('\n') + '\n';
  // python's images are Debian-based unless tagged `-alpine`/`alpine…`; bash's are Alpine-based.
  if (name === 'python' && tag.includes('alpine')) return osRelease('alpine', /alpine(\d+\.\d+)/.exec(tag)?.[1] ?? 'latest');
  if (name === 'debian' || name === 'python') {
    const major = /^\d+/.exec(tag)?.[0] ?? '12';
    const [id, code] = DEBIAN[major] ?? DEBIAN['12']!;
    return kv({ PRETTY_NAME: `Debian GNU/Linux ${id} (${code})`, NAME: 'Debian GNU/Linux', VERSION_ID: id, VERSION: `${id} (${code})`, VERSION_CODENAME: code, ID: 'debian', HOME_URL: 'https://www.debian.org/' });
  }
  if (name === 'ubuntu') {
    const v = /^\d+\.\d+/.exec(tag)?.[0] ?? '24.04';
    const code = UBUNTU[v] ?? 'noble';
    return kv({ NAME: 'Ubuntu', VERSION: `${v} (${code})`, ID: 'ubuntu', ID_LIKE: 'debian', PRETTY_NAME: `Ubuntu ${v}`, VERSION_ID: v, VERSION_CODENAME: code });
  }
  if (name === 'alpine' || name === 'bash') {
    const v = name === 'alpine' ? (/^\d+\.\d+(\.\d+)?/.exec(tag)?.[0] ?? '3.20') : '3.20';
    const full = v.split('.').length === 2 ? `${v}.0` : v;
    return `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${full}\nPRETTY_NAME="Alpine Linux v${v.split('.').slice(0, 2).join('.')}"\nHOME_URL="https://alpinelinux.org/"\n`;
  }
  if (name === 'centos' || name === 'fedora') {
    const v = /^\d+/.exec(tag)?.[0] ?? (name === 'centos' ? '7' : '40');
    const pretty = name === 'centos' ? `CentOS Linux ${v}` : `Fedora Linux ${v}`;
    return kv({ NAME: name === 'centos' ? 'CentOS Linux' : 'Fedora Linux', VERSION: v, ID: name, VERSION_ID: v, PRETTY_NAME: pretty });
  }
  return undefined;
}

const cache = new Map<string, Readonly<Record<string, string>>>();
export const NO_FILES: Readonly<Record<string, string>> = Object.freeze({});

/** The image's own files (path → content); empty for images the runtime does not know as a Linux userland. */
export function imageFiles(image: string): Readonly<Record<string, string>> {
  let files = cache.get(image);
  if (files) return files;
  const name = imageProfile(image).name;
  const known = ['busybox', 'alpine', 'debian', 'ubuntu', 'bash', 'python', 'centos', 'fedora'];
  if (!known.includes(name)) files = NO_FILES;
  else {
    const os = osRelease(name, tagOf(image));
    files = Object.freeze({ '/etc/group': GROUP, ...(os ? { '/etc/os-release': os } : {}), '/etc/passwd': PASSWD });
  }
  if (cache.size > 1000) cache.clear();
  cache.set(image, files);
  return files;
}

/** The files a process sees: the image's, with the pod's (written, mounted) laid over them. */
export function withImageFiles(image: string, files: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
  const base = imageFiles(image);
  if (base === NO_FILES) return files ?? {};
  return { ...base, ...(files ?? {}) };
}
