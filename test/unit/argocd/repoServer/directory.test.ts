import { describe, expect, it } from 'vitest';
import { GitHost } from '../../../../simulator/git/index.js';
import { URL, author, failure, opts, repo } from './support.js';
import { generateManifests, globMatch } from '../../../../simulator/argocd/repoServer/index.js';


const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;


const names = (objs: { kind: string; metadata: { name?: string } }[]): string[] => objs.map((o) => `${o.kind}/${o.metadata.name}`);


describe('repo server: plain directory', () => {
  it('renders yaml, yml and json at the path only, in file order, ignoring other files and YAML that is not a manifest', async () => {
    const host = await repo({
      'app/b.yaml': cm('b'),
      'app/a.yml': `${cm('a1')}---\n${cm('a2')}`,
      'app/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'c' }, spec: { ports: [{ port: 80 }] } }),
      'app/.argocd-source.yaml': 'directory:\n  exclude: skipped.yaml\n',
      'app/skipped.yaml': cm('skipped'),
      'app/values.yaml': 'replicas: [unclosed\n',
      'app/README.md': '# not a manifest',
      'app/sub/d.yaml': cm('d'),
      'other/e.yaml': cm('e'),
    });
    const res = generateManifests(host, { repoURL: URL, path: 'app' }, opts);
    expect(res.sourceType).toBe('Directory');
    expect(res.revision).toBe(await host.get(URL).resolve('HEAD'));
    expect(names(res.manifests)).toEqual(['ConfigMap/a1', 'ConfigMap/a2', 'ConfigMap/b', 'Service/c']);
  });

  it('descends into subdirectories only with directory.recurse, in filepath.Walk order', async () => {
    const host = await repo({ 'app/b/x.yaml': cm('bx'), 'app/b-c.yaml': cm('bc'), 'app/a.yaml': cm('a') });
    const flat = generateManifests(host, { repoURL: URL, path: 'app' }, opts);
    expect(names(flat.manifests)).toEqual(['ConfigMap/a', 'ConfigMap/bc']);
    const deep = generateManifests(host, { repoURL: URL, path: 'app', directory: { recurse: true } }, opts);
    // Walk visits directory `b` (name "b") before file "b-c.yaml".
    expect(names(deep.manifests)).toEqual(['ConfigMap/a', 'ConfigMap/bx', 'ConfigMap/bc']);
  });

  it('applies include and exclude globs (brace lists like Argo CD) to paths relative to the app path', async () => {
    const files = { 'app/a.yaml': cm('a'), 'app/b.yaml': cm('b'), 'app/c.yaml': cm('c'), 'app/dev/d.yaml': cm('d') };
    const host = await repo(files);
    const inc = generateManifests(host, { repoURL: URL, path: 'app', directory: { include: '{a.yaml,c.yaml}' } }, opts);
    expect(names(inc.manifests)).toEqual(['ConfigMap/a', 'ConfigMap/c']);
    const exc = generateManifests(host, { repoURL: URL, path: 'app', directory: { recurse: true, exclude: 'dev/*' } }, opts);
    expect(names(exc.manifests)).toEqual(['ConfigMap/a', 'ConfigMap/b', 'ConfigMap/c']);
    const both = generateManifests(host, { repoURL: URL, path: 'app', directory: { recurse: true, include: '*.yaml', exclude: 'b.yaml' } }, opts);
    expect(names(both.manifests)).toEqual(['ConfigMap/a', 'ConfigMap/c', 'ConfigMap/d']);
    expect(globMatch('*.yaml', 'dev/d.yaml')).toBe(true); // gobwas without separators: * crosses '/'
    expect(globMatch('[ab].yaml', 'c.yaml')).toBe(false);
  });

  it('flattens kind: List into its items', async () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: one\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: two\n`;
    const host = await repo({ 'app/list.yaml': list });
    const res = generateManifests(host, { repoURL: URL, path: 'app' }, opts);
    expect(names(res.manifests)).toEqual(['ConfigMap/one', 'Secret/two']);
  });

  it('reports bad YAML in a manifest with the file and line, as Failed to unmarshal', async () => {
    const host = await repo({ 'app/ok.yaml': cm('ok'), 'app/sub/deploy.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [a\n' });
    const e = failure(() => generateManifests(host, { repoURL: URL, path: 'app', directory: { recurse: true } }, opts));
    expect(e.code).toBe('FailedPrecondition');
    expect(e.message).toMatch(
      /^rpc error: code = FailedPrecondition desc = Failed to unmarshal "deploy.yaml": failed to unmarshal manifest: error converting YAML to JSON: yaml: line \d+: /,
    );
    expect(e.location.file).toBe('app/sub/deploy.yaml');
    expect(e.location.line).toBeGreaterThanOrEqual(5);
    // A good document before the broken one makes the file an error even when the rest does not look like a manifest.
    const multi = await repo({ 'app/m.yaml': `${cm('first')}---\nfoo: [bar\n` });
    expect((failure(() => generateManifests(multi, { repoURL: URL, path: 'app' }, opts))).desc).toContain('Failed to unmarshal "m.yaml"');
  });

  it('fails on a missing path, a file as path, a path outside the repo, and an unknown revision with Argo wording', async () => {
    const host = await repo({ 'app/a.yaml': cm('a') });
    expect((failure(() => generateManifests(host, { repoURL: URL, path: 'nope' }, opts))).message).toBe('rpc error: code = Unknown desc = nope: app path does not exist');
    expect((failure(() => generateManifests(host, { repoURL: URL, path: 'app/a.yaml' }, opts))).desc).toBe('app/a.yaml: app path is not a directory');
    expect((failure(() => generateManifests(host, { repoURL: URL, path: '../x' }, opts))).desc).toBe('../x: app path outside root');
    expect((failure(() => generateManifests(host, { repoURL: URL, path: 'app', targetRevision: 'nope' }, opts))).message).toBe(
      "rpc error: code = Unknown desc = unable to resolve 'nope' to a commit SHA",
    );
    expect((failure(() => generateManifests(host, { repoURL: 'https://elsewhere/x.git', path: 'app' }, opts))).desc).toBe('repository not found');
  });

  it('needs the repository credentials for a private repository', async () => {
    const host = new GitHost();
    const credentials = { username: 'git', password: 's3cret' };
    await host.createRepo(URL, { 'app/a.yaml': cm('a') }, { author, credentials });
    expect((failure(() => generateManifests(host, { repoURL: URL, path: 'app' }, opts))).message).toBe('rpc error: code = Unknown desc = authentication required');
    const res = generateManifests(host, { repoURL: URL, path: 'app' }, { ...opts, credentials });
    expect(names(res.manifests)).toEqual(['ConfigMap/a']);
  });

  it('renders the tree of the revision asked for (branch, tag, SHA)', async () => {
    const host = await repo({ 'app/a.yaml': cm('v1') });
    const r = host.get(URL);
    const first = await r.resolve('HEAD');
    await r.tag('v1');
    await r.commit({ 'app/a.yaml': cm('v2') }, 'bump', author);
    const at = async (rev: string): Promise<string[]> => names((generateManifests(host, { repoURL: URL, path: 'app', targetRevision: rev }, opts)).manifests);
    expect(await at('v1')).toEqual(['ConfigMap/v1']);
    expect(await at(first)).toEqual(['ConfigMap/v1']);
    expect(await at('main')).toEqual(['ConfigMap/v2']);
  });
});
