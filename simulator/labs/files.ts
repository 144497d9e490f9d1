/** The `{ path: text }` map labs and scenarios are read from (no fs in the engine: Node and the browser fill it). */
export type FileMap = Readonly<Record<string, string>>;

/** Keys as `labs/x/lab.yaml`: vite's `/labs/...` and `./labs/...` keys lose their prefix. */
export function normalizeFiles(files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) out[cleanPath(k)] = v;
  return out;
}

export function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** `base` + a path relative to it. */
export function joinPath(base: string, rel: string): string {
  return cleanPath(`${base}/${rel}`);
}

/** Every file under folder `dir`, keyed by its path relative to `dir`, in sorted order. */
export function filesUnder(files: FileMap, dir: string): Record<string, string> {
  const prefix = `${cleanPath(dir)}/`;
  const out: Record<string, string> = {};
  for (const k of Object.keys(files).sort()) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = files[k]!;
  return out;
}

/** The folders under `base` that hold a `lab.yaml` (`labs/<id>`), sorted. */
export function labRoots(files: FileMap, base = 'labs'): string[] {
  const prefix = `${cleanPath(base)}/`;
  return Object.keys(files)
    .filter((k) => k.startsWith(prefix) && k.endsWith('/lab.yaml') && !k.slice(prefix.length, -'/lab.yaml'.length).includes('/'))
    .map((k) => k.slice(0, -'/lab.yaml'.length))
    .sort();
}
