import { describe, expect, it } from 'vitest';
import { locate, locateIn, parseManifests } from '../../../simulator/manifest/index.js';

const DEPLOY = `# leading comment
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
...
---
# a ConfigMap
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data:
  enabled: "yes"
`;

describe('parseManifests', () => {
  it('parses multi-document YAML with correct start lines despite comments, leading --- and ...', () => {
    const r = parseManifests(DEPLOY, 'app.yaml');
    expect(r.errors).toEqual([]);
    expect(r.manifests.map((m) => [m.object.kind, m.doc, m.line])).toEqual([
      ['Deployment', 0, 3],
      ['ConfigMap', 1, 19],
    ]);
  });

  it('locates field paths, including dotted label keys and list indexes', () => {
    const [d] = parseManifests(DEPLOY, 'app.yaml').manifests;
    expect(locateIn(d!, 'spec.template.spec.containers[0].image')).toMatchObject({ file: 'app.yaml', line: 15, column: 11, exact: true });
    expect(locateIn(d!, 'spec.replicas')).toMatchObject({ line: 10, column: 3 });
    expect(locateIn(d!, 'metadata.labels[app.kubernetes.io/name]')).toMatchObject({ line: 8, exact: true });
    expect(locateIn(d!, 'metadata.labels.app.kubernetes.io/name')).toMatchObject({ line: 8, exact: true });
    // A missing field is reported at its nearest parent.
    expect(locateIn(d!, 'spec.selector.matchLabels')).toMatchObject({ line: 9, exact: false });
    expect(locate(DEPLOY, 'data.enabled', 1)).toEqual({ line: 23, column: 3 });
  });

  it('reads scalars like kubectl (YAML 1.1): yes/on are booleans, quoted stays string, 0o octal', () => {
    const r = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: yes\n  b: "yes"\n  c: 0777\n  d: 1.5\n  e: ~\n  f: 2025-01-01\n');
    expect(r.manifests[0]!.object.data).toEqual({ a: true, b: 'yes', c: 511, d: 1.5, e: null, f: '2025-01-01' });
  });

  it('reports syntax errors with line and column, and still returns the other documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n name: b\n  bad: indent\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
    const r = parseManifests(text, 'x.yaml');
    expect(r.manifests.map((m) => m.object.metadata.name)).toEqual(['a', 'c']);
    expect(r.manifests[1]!.doc).toBe(2);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'x.yaml', line: 10 });
    expect(r.errors[0]!.message).toMatch(/^error converting YAML to JSON: yaml: line 10: /);
  });

  it('rejects duplicate keys with their line', () => {
    const r = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
    expect(r.manifests).toEqual([]);
    expect(r.errors[0]).toMatchObject({ line: 5, column: 3, message: 'error converting YAML to JSON: yaml: unmarshal errors: line 5: key "name" already set in map' });
  });

  it('expands kind: List into its items, each located', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: s}\n- 42\n';
    const r = parseManifests(text, 'l.yaml');
    expect(r.manifests.map((m) => [m.object.kind, m.item, m.line])).toEqual([
      ['ConfigMap', 0, 4],
      ['Secret', 1, 7],
    ]);
    expect(locateIn(r.manifests[1]!, 'metadata.name')).toMatchObject({ line: 9 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 10, path: 'items[2]' });
  });

  it('expands typed lists (ConfigMapList) and reads CRLF files with the same lines', () => {
    const text = 'apiVersion: v1\r\nkind: ConfigMapList\r\nitems:\r\n- apiVersion: v1\r\n  kind: ConfigMap\r\n  metadata:\r\n    name: a\r\n';
    const r = parseManifests(text);
    expect(r.errors).toEqual([]);
    expect(r.manifests.map((m) => [m.object.metadata.name, m.line])).toEqual([['a', 4]]);
    expect(locateIn(r.manifests[0]!, 'metadata.name')).toMatchObject({ line: 7, column: 5 });
  });

  it('accepts JSON, tab-indented too', () => {
    const r = parseManifests('{\n\t"apiVersion": "v1",\n\t"kind": "ConfigMap",\n\t"metadata": {"name": "j"},\n\t"data": {"k": "v"}\n}\n', 'c.json');
    expect(r.errors).toEqual([]);
    expect(r.manifests[0]!.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j' }, data: { k: 'v' } });
    expect(locateIn(r.manifests[0]!, 'data.k')).toMatchObject({ line: 5 });
  });

  it('skips empty documents and reports non-objects and missing apiVersion/kind', () => {
    expect(parseManifests('')).toEqual({ manifests: [], errors: [] });
    expect(parseManifests('---\n# nothing\n---\n...\n')).toEqual({ manifests: [], errors: [] });
    const r = parseManifests('just some words\n---\n- a\n---\nmetadata: {name: x}\n', 'f.yaml');
    expect(r.errors.map((e) => [e.line, e.message.slice(0, 40)])).toEqual([
      [1, 'unable to decode: json: cannot unmarshal'],
      [3, 'unable to decode: json: cannot unmarshal'],
      [5, 'error validating data: [apiVersion not s'],
    ]);
  });

  it('supports anchors, aliases and merge keys, copying aliased data', () => {
    const r = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a, labels: &l {x: "1"}}\ndata:\n  <<: *l\n  z: "2"\nextra: *m\n');
    const o = r.manifests[0]!.object;
    expect(o.data).toEqual({ x: "1", z: "2" });
    expect(o.extra).toEqual({ name: 'a', labels: { x: '1' } });
    expect(o.extra).not.toBe(o.metadata);
  });
});

describe('parseManifests limits and hostile input', () => {
  it('stops a billion-laughs alias bomb with a clear error', () => {
    let bomb = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]\n`;
    const r = parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n${bomb}`, 'bomb.yaml');
    expect(r.manifests).toEqual([]);
    expect(r.errors[0]!.message).toContain('document contains excessive aliasing');
    expect(r.errors[0]!.line).toBeGreaterThan(3);
  });

  it('refuses documents over the API server request limit (3 MiB) without parsing them', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
    const ok = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: small}\n';
    const r = parseManifests(`${ok}---\n${big}`, 'big.yaml');
    expect(r.manifests.map((m) => m.object.metadata.name)).toEqual(['small']);
    expect(r.errors).toEqual([{ file: 'big.yaml', line: 5, column: 1, message: 'Request entity too large: limit is 3145728' }]);
  });

  it('parses a 5 MB file of many documents', () => {
    const one = (i: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  payload: "${'p'.repeat(400)}"\n`;
    const docs: string[] = [];
    for (let i = 0; i < 10_000; i++) docs.push(one(i));
    const text = docs.join('---\n');
    expect(text.length).toBeGreaterThan(4_500_000);
    const r = parseManifests(text, 'many.yaml');
    expect(r.errors).toEqual([]);
    expect(r.manifests).toHaveLength(10_000);
    expect(r.manifests[9_999]!.line).toBe(9_999 * 7 + 1);
  });

  it('rejects deep nesting, binary junk and invalid UTF-8 with located errors', () => {
    const deep = parseManifests(`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(deep.errors[0]!.message).toContain('maxDepth');
    const junk = parseManifests('apiVersion: v1\n\u0000\u0001\u0002\u00ff binary');
    expect(junk.errors[0]).toMatchObject({ line: 2, column: 1 });
    const bytes = new Uint8Array([0x61, 0x3a, 0x20, 0x31, 0x0a, 0x62, 0x3a, 0x20, 0xff, 0xfe, 0x0a]);
    expect(parseManifests(bytes, 'bin.yaml').errors).toEqual([{ file: 'bin.yaml', line: 2, column: 4, message: 'error converting YAML to JSON: yaml: invalid leading UTF-8 octet' }]);
    const utf8 = new TextEncoder().encode('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: u}\ndata: {k: "héllo ✓"}\n');
    expect(parseManifests(utf8).manifests[0]!.object.data).toEqual({ k: 'héllo ✓' });
  });

  it('keeps __proto__, constructor and prototype keys as inert data (no prototype pollution)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: p}\ndata:\n  __proto__: {polluted: "yes"}\n  constructor: {prototype: {polluted: "yes"}}\n__proto__:\n  polluted: true\n';
    const r = parseManifests(text);
    const o = r.manifests[0]!.object as unknown as Record<string, unknown>;
    expect(Object.keys(o)).toContain('__proto__');
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o.data as object)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(o)).__proto__).toEqual({ polluted: true });
  });

  it('rejects NaN/Infinity and complex keys, which JSON cannot carry', () => {
    expect(parseManifests('apiVersion: v1\nkind: X\nv: .nan\n').errors[0]!.message).toContain('unsupported value');
    expect(parseManifests('apiVersion: v1\nkind: X\n? [a, b]\n: 1\n').errors[0]!.message).toContain('invalid map key');
  });
});

describe('diagnose (editor / dry-run)', () => {
  it('reports each invalid field on its own line without writing anything', async () => {
    const { createSandbox } = await import('../../../simulator/index.js');
    const { diagnose } = await import('../../../simulator/manifest/index.js');
    const sb = createSandbox();
    const rv = sb.store.resourceVersion;
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: team}\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: ""\n    - name: a\n      image: x\n',
      'apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\n',
      'apiVersion: : :\n',
    ].join('---\n');
    const d = diagnose(text, 'ed.yaml', sb.store);
    expect(d.map((x) => [x.line, x.path, x.message.slice(0, 45)])).toEqual([
      [24, undefined, 'error converting YAML to JSON: yaml: line 24:'],
      [16, 'spec.containers[0].image', 'spec.containers[0].image: Required value'],
      [17, 'spec.containers[1].name', 'spec.containers[1].name: Duplicate value: "a"'],
      [20, undefined, 'no matches for kind "Gizmo" in version "examp'],
    ]);
    expect(sb.store.resourceVersion).toBe(rv);
  });
});
