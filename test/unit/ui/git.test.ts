/** The git feature: log, show, commit, branches and revert, journaled so a scrub replays them with the same SHAs. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import type { CommitSummary } from '../../../src/worker/features/git.js';

const URL = 'https://git.example.com/team/guestbook.git';
const CM = (color: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: ${color}\n`;
const ME = { name: 'Ada', email: 'ada@example.com' };
const APP = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
  namespace: argocd
spec:
  project: default
  source:
    repoURL: ${URL}
    path: app
    targetRevision: HEAD
  destination:
    server: https://kubernetes.default.svc
    namespace: default
`;

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

async function withRepo(): Promise<EngineHost> {
  host = new EngineHost();
  host.load('', { file: 'empty.yaml' });
  await host.call('git', 'createRepo', [URL, { 'app/cm.yaml': CM('blue') }]);
  return host;
}

const log = (h: EngineHost, ref = 'HEAD') => h.call('git', 'log', [URL, ref]) as CommitSummary[];

describe('git feature', () => {
  it('commits working changes with the virtual time and shows what each commit changed', async () => {
    const h = await withRepo();
    await h.advance(90_000);
    const sha = (await h.call('git', 'commit', [URL, 'main', 'Make it green', { 'app/cm.yaml': CM('green'), 'README.md': '# hi\n' }, ME])) as string;
    const [head, root] = log(h);
    expect(head).toMatchObject({ sha, subject: 'Make it green', author: 'Ada', email: 'ada@example.com', time: h.world.now(), parents: [root!.sha] });
    const diff = (await h.call('git', 'show', [URL, sha])) as { path: string; status: string; hunks?: string[] }[];
    expect(diff.map((d) => `${d.status} ${d.path}`)).toEqual(['added README.md', 'modified app/cm.yaml']);
    expect(diff[1]!.hunks!.join('\n')).toContain('-  color: blue\n+  color: green');
    const first = (await h.call('git', 'show', [URL, root!.sha])) as { path: string; status: string }[];
    expect(first).toEqual([expect.objectContaining({ path: 'app/cm.yaml', status: 'added' })]);
  });

  it('refuses an empty message and a commit without changes, with git wording', async () => {
    const h = await withRepo();
    await expect(h.call('git', 'commit', [URL, 'main', '  ', { 'a.txt': 'x' }, ME]) as Promise<string>).rejects.toThrow('Aborting commit due to empty commit message.');
    await expect(h.call('git', 'commit', [URL, 'main', 'noop', { 'app/cm.yaml': CM('blue') }, ME]) as Promise<string>).rejects.toThrow('nothing to commit, working tree clean');
    expect(log(h)).toHaveLength(1);
  });

  it('creates a branch, commits on it without moving main, and reverts a commit', async () => {
    const h = await withRepo();
    await h.call('git', 'createBranch', [URL, 'feature']);
    await h.call('git', 'commit', [URL, 'feature', 'On a branch', { 'b.txt': 'b\n' }, ME]);
    expect(log(h, 'feature')).toHaveLength(2);
    expect(log(h, 'main')).toHaveLength(1);
    expect((h.call('git', 'repos', []) as { branches: string[] }[])[0]!.branches).toEqual(['feature', 'main']);
    const bad = (await h.call('git', 'commit', [URL, 'main', 'Oops', { 'app/cm.yaml': CM('red') }, ME])) as string;
    await h.call('git', 'revert', [URL, bad, 'main', ME]);
    const [revert] = log(h, 'main');
    expect(revert!.subject).toBe('Revert "Oops"');
    expect((h.call('git', 'tree', [URL, 'main']) as { files: Record<string, string> }).files['app/cm.yaml']).toBe(CM('blue'));
    await h.call('git', 'deleteBranch', [URL, 'feature']);
    expect((h.call('git', 'repos', []) as { branches: string[] }[])[0]!.branches).toEqual(['main']);
  });

  it('scrubbing back undoes a commit and forward redoes it with the same SHA', async () => {
    const h = await withRepo();
    await h.advance(10_000);
    const before = h.world.now();
    await h.advance(5_000);
    const sha = (await h.call('git', 'commit', [URL, 'main', 'Green', { 'app/cm.yaml': CM('green') }, ME])) as string;
    await h.advance(5_000);
    const end = h.world.now();
    await h.seek(before);
    expect(log(h)).toHaveLength(1);
    await h.seek(end);
    expect(log(h)[0]!.sha).toBe(sha);
  });

  it('a commit to the tracked path makes an Application OutOfSync at its next refresh', async () => {
    const h = await withRepo();
    h.apply(APP, 'cluster/app.yaml');
    await h.advance(5_000);
    const app = () => h.call('cluster', 'get', [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'guestbook' }]) as { status?: { sync?: { status?: string; revision?: string } } };
    // Nothing deployed yet: OutOfSync; sync it through the object (as `argocd app sync` would).
    expect(app().status?.sync?.status).toBe('OutOfSync');
    h.apply(`${APP}operation:\n  sync:\n    revision: HEAD\n`, 'cluster/app.yaml');
    await h.advance(30_000);
    expect(app().status?.sync?.status).toBe('Synced');
    const sha = (await h.call('git', 'commit', [URL, 'main', 'Green', { 'app/cm.yaml': CM('green') }, ME])) as string;
    await h.advance(200_000);
    expect(app().status?.sync).toMatchObject({ status: 'OutOfSync', revision: sha });
  });
});
