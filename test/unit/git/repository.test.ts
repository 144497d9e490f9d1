import { describe, expect, it } from 'vitest';
import { GitError, GitHost, type GitSignature } from '../../../simulator/git/index.js';

const URL = 'https://github.com/example/guestbook.git';
const at = (timestamp: number): GitSignature => ({ name: 'Learner', email: 'learner@example.com', timestamp });

const FILES = {
  'README.md': '# guestbook\n',
  'apps/guestbook/deployment.yaml': 'kind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n',
  'apps/guestbook/service.yaml': 'kind: Service\nmetadata:\n  name: web\n',
  'apps/other/cm.yaml': 'kind: ConfigMap\n',
};

async function seeded(host = new GitHost()) {
  const repo = await host.createRepo(URL, FILES, { author: at(1_700_000_000), message: 'Initial commit' });
  return { host, repo };
}

async function gitError(p: Promise<unknown>): Promise<GitError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof GitError)) throw new Error(`expected a GitError, got ${String(e)}`);
  return e;
}

describe('GitRepository', () => {
  it('commits add/modify/delete and logs newest first with the caller-given author and time', async () => {
    const { repo } = await seeded();
    const first = await repo.resolve('HEAD');
    const second = await repo.commit(
      { 'apps/guestbook/deployment.yaml': FILES['apps/guestbook/deployment.yaml'].replace('replicas: 1', 'replicas: 3'), 'apps/guestbook/hpa.yaml': 'kind: HPA\n', 'apps/other/cm.yaml': null },
      'Scale web to 3',
      at(1_700_000_060),
    );
    const log = await repo.log('main');
    expect(log.map((c) => c.sha)).toEqual([second, first]);
    expect(log[0].parents).toEqual([first]);
    expect(log[0].message).toBe('Scale web to 3\n');
    expect(log[0].author).toEqual({ name: 'Learner', email: 'learner@example.com', timestamp: 1_700_000_060, timezoneOffset: 0 });
    expect(await repo.log('HEAD', { depth: 1 })).toHaveLength(1);
    expect(await repo.listFiles('HEAD')).toEqual(['README.md', 'apps/guestbook/deployment.yaml', 'apps/guestbook/hpa.yaml', 'apps/guestbook/service.yaml']);
    expect(await repo.readFile(first, 'apps/other/cm.yaml')).toBe('kind: ConfigMap\n');
    expect(await repo.readFile('HEAD', 'apps/guestbook/deployment.yaml')).toContain('replicas: 3');
  });

  it('lands commits started together one on top of the other, in call order', async () => {
    const { repo } = await seeded();
    const base = await repo.resolve('HEAD');
    const [a, b] = await Promise.all([
      repo.commit({ 'a.txt': 'a\n' }, 'a', at(1_700_000_010)),
      repo.commit({ 'b.txt': 'b\n' }, 'b', at(1_700_000_010)),
    ]);
    expect((await repo.log()).map((c) => [c.sha, c.parents])).toEqual([[b, [a]], [a, [base]], [base, []]]);
    expect(Object.keys(await repo.readTree('HEAD'))).toEqual(expect.arrayContaining(['a.txt', 'b.txt']));
  });

  it('refuses an empty commit and a delete of a missing path, like git', async () => {
    const { repo } = await seeded();
    expect((await gitError(repo.commit({ 'README.md': FILES['README.md'] }, 'noop', at(1)))).message).toBe('nothing to commit, working tree clean');
    expect((await gitError(repo.commit({ 'nope.yaml': null }, 'rm', at(1)))).message).toBe("pathspec 'nope.yaml' did not match any files");
    const sha = await repo.commit({}, 'empty', at(2), { allowEmpty: true });
    expect((await repo.log())[0].sha).toBe(sha);
  });

  it('resolves branch, lightweight and annotated tag, full and short SHA, HEAD and empty (default branch)', async () => {
    const { repo } = await seeded();
    const v1 = await repo.resolve('HEAD');
    await repo.tag('v1.0.0');
    await repo.tag('release-1', 'main', { annotate: { message: 'Release 1', tagger: at(1_700_000_100) } });
    await repo.branch('feature');
    const onFeature = await repo.commit({ 'feature.txt': 'x\n' }, 'Feature work', at(1_700_000_200), { branch: 'feature' });
    const onMain = await repo.commit({ 'main.txt': 'y\n' }, 'Main work', at(1_700_000_300));

    expect(await repo.resolve('')).toBe(onMain);
    expect(await repo.resolve('HEAD')).toBe(onMain);
    expect(await repo.resolve('main')).toBe(onMain);
    expect(await repo.resolve('feature')).toBe(onFeature);
    expect(await repo.resolve('refs/heads/feature')).toBe(onFeature);
    expect(await repo.resolve('v1.0.0')).toBe(v1);
    expect(await repo.resolve('release-1')).toBe(v1);
    expect(await repo.resolve(onFeature)).toBe(onFeature);
    expect(await repo.resolve(onFeature.slice(0, 7))).toBe(onFeature);
    expect(await repo.branches()).toEqual(['feature', 'main']);
    expect(await repo.tags()).toEqual([
      { name: 'release-1', sha: v1, annotated: true, message: 'Release 1\n' },
      { name: 'v1.0.0', sha: v1, annotated: false },
    ]);
    expect(Object.keys(await repo.readTree('feature'))).toContain('feature.txt');
    expect(Object.keys(await repo.readTree('v1.0.0'))).not.toContain('main.txt');
  });

  it('re-tags with force (tag tracking), force-moves a branch, deletes refs', async () => {
    const { repo } = await seeded();
    const first = await repo.resolve('HEAD');
    await repo.tag('stable', first, { annotate: { message: 'stable', tagger: at(1_700_000_001) } });
    await repo.branch('release', first);
    const second = await repo.commit({ 'b.txt': 'b\n' }, 'second', at(1_700_000_060));
    expect((await gitError(repo.tag('stable', second))).reason).toBe('RefExists');
    await repo.tag('stable', second, { force: true });
    expect(await repo.resolve('stable')).toBe(second);
    expect(await repo.tags()).toEqual([{ name: 'stable', sha: second, annotated: false }]);
    await repo.branch('release', second, { force: true });
    expect(await repo.resolve('release')).toBe(second);
    await repo.deleteBranch('release');
    await repo.deleteTag('stable');
    expect(await repo.branches()).toEqual(['main']);
    expect((await gitError(repo.resolve('stable'))).message).toBe("unable to resolve 'stable' to a commit SHA");
    expect((await gitError(repo.deleteBranch('main'))).reason).toBe('RefExists');
  });

  it('errors with Argo CD / git wording', async () => {
    const { host, repo } = await seeded();
    const nope = await gitError(repo.resolve('nope'));
    expect(nope.message).toBe("unable to resolve 'nope' to a commit SHA");
    expect(nope.reason).toBe('RevisionNotFound');
    expect((await gitError(repo.resolve('deadbeef'))).message).toBe("unable to resolve 'deadbeef' to a commit SHA");
    expect(() => host.get('https://github.com/example/missing')).toThrow(new GitError('RepositoryNotFound', 'repository not found'));
    expect((await gitError(repo.branch('main'))).message).toBe("a branch named 'main' already exists");
    await repo.tag('v1');
    expect((await gitError(repo.tag('v1'))).message).toBe("tag 'v1' already exists");
    expect((await gitError(repo.readFile('HEAD', 'missing.yaml'))).reason).toBe('PathNotFound');
    expect((await gitError(repo.readTree('HEAD', 'apps/missing'))).message).toBe("path 'apps/missing' does not exist in 'HEAD'");
  });

  it('readTree returns the files under a subdirectory, recursively, relative to it', async () => {
    const { repo } = await seeded();
    await repo.commit({ 'apps/guestbook/overlays/prod/kustomization.yaml': 'resources: []\n' }, 'prod overlay', at(1_700_000_010));
    expect(await repo.readTree('HEAD', 'apps/guestbook/')).toEqual({
      'deployment.yaml': FILES['apps/guestbook/deployment.yaml'],
      'overlays/prod/kustomization.yaml': 'resources: []\n',
      'service.yaml': FILES['apps/guestbook/service.yaml'],
    });
    expect(Object.keys(await repo.readTree('HEAD', '.')).sort()).toEqual([...Object.keys(FILES), 'apps/guestbook/overlays/prod/kustomization.yaml'].sort());
  });

  it('diff lists added, modified and deleted paths with unified hunks', async () => {
    const { repo } = await seeded();
    const a = await repo.resolve('HEAD');
    const b = await repo.commit(
      { 'apps/guestbook/deployment.yaml': FILES['apps/guestbook/deployment.yaml'].replace('replicas: 1', 'replicas: 3'), 'new.txt': 'one\ntwo\n', 'README.md': null },
      'change',
      at(1_700_000_060),
    );
    expect(await repo.diff(a, b)).toEqual([
      { path: 'README.md', status: 'deleted', hunks: ['@@ -1 +0,0 @@\n-# guestbook'] },
      { path: 'apps/guestbook/deployment.yaml', status: 'modified', hunks: ['@@ -2,4 +2,4 @@\n metadata:\n   name: web\n spec:\n-  replicas: 1\n+  replicas: 3'] },
      { path: 'new.txt', status: 'added', hunks: ['@@ -0,0 +1,2 @@\n+one\n+two'] },
    ]);
    expect(await repo.diff(b, b)).toEqual([]);
  });

  it('splits far-apart changes into separate hunks with 3 lines of context', async () => {
    const host = new GitHost();
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const repo = await host.createRepo('https://h/o/r', { 'f.txt': lines.join('\n') + '\n' }, { author: at(0) });
    const edited = [...lines];
    edited[1] = 'line two';
    edited[17] = 'line eighteen';
    const b = await repo.commit({ 'f.txt': edited.join('\n') + '\n' }, 'edit', at(1));
    const [entry] = await repo.diff((await repo.log())[1].sha, b);
    expect(entry.hunks).toEqual([
      '@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5',
      '@@ -15,6 +15,6 @@\n line 15\n line 16\n line 17\n-line 18\n+line eighteen\n line 19\n line 20',
    ]);
  });

  it('revert makes a new commit that restores the parent tree', async () => {
    const { repo } = await seeded();
    const before = await repo.readTree('HEAD');
    const bad = await repo.commit({ 'apps/guestbook/service.yaml': 'broken\n', 'extra.yaml': 'x\n', 'README.md': null }, 'Break things', at(1_700_000_060));
    const revert = await repo.revert(bad, at(1_700_000_120));
    const [head] = await repo.log();
    expect(head.sha).toBe(revert);
    expect(head.parents).toEqual([bad]);
    expect(head.message).toBe(`Revert "Break things"\n\nThis reverts commit ${bad}.\n`);
    expect(await repo.readTree('HEAD')).toEqual(before);
  });

  it('refuses to revert a commit whose paths changed again since (a conflict in git)', async () => {
    const { repo } = await seeded();
    const change = await repo.commit({ 'README.md': '# v2\n' }, 'Retitle', at(1_700_000_060));
    await repo.commit({ 'README.md': '# v3\n' }, 'Retitle again', at(1_700_000_120));
    const e = await gitError(repo.revert(change, at(1_700_000_180)));
    expect(e.reason).toBe('RevertConflict');
    expect(e.message).toBe(`could not revert ${change.slice(0, 7)}... Retitle: README.md was changed since`);
    expect(await repo.readFile('HEAD', 'README.md')).toBe('# v3\n');
  });
});

describe('GitHost', () => {
  it.each([
    ['https://github.com/example/guestbook', true],
    ['https://GitHub.com/example/guestbook.git', true],
    ['https://github.com/example/guestbook/', true],
    ['https://github.com/example/guestbook.git/', true],
    ['  https://github.com/Example/Guestbook  ', true],
    ['git@github.com:example/guestbook.git', true],
    ['ssh://git@github.com/example/guestbook.git', true],
    ['https://user@github.com:443/example/guestbook', true],
    ['https://github.com/example/guestbook-2', false],
    ['https://gitlab.com/example/guestbook', false],
    ['https://github.com/example', false],
  ])('maps %s to the repository: %s', async (url, same) => {
    const { host } = await seeded();
    expect(host.has(url)).toBe(same);
    if (same) expect(host.get(url).url).toBe(URL);
  });

  it('a private repository opens only with matching credentials, and keeps them through a snapshot', async () => {
    const host = new GitHost();
    const creds = { username: 'deploy', password: 's3cret' };
    await host.createRepo('https://git.example.com/team/private.git', { 'a.yaml': 'a: 1\n' }, { author: at(1), credentials: creds });
    await host.createRepo('https://git.example.com/team/public', { 'b.yaml': 'b: 1\n' }, { author: at(1) });
    const denied = new GitError('AuthenticationRequired', 'authentication required');
    expect(() => host.open('https://git.example.com/team/private')).toThrow(denied);
    expect(() => host.open('https://git.example.com/team/private', { username: 'deploy', password: 'wrong' })).toThrow(denied);
    expect(await host.open('git@git.example.com:team/private.git', creds).readFile('HEAD', 'a.yaml')).toBe('a: 1\n');
    expect(host.open('https://git.example.com/team/public', creds).private).toBe(false);
    expect(() => host.open('https://git.example.com/team/nope', creds)).toThrow(new GitError('RepositoryNotFound', 'repository not found'));
    const copy = new GitHost();
    await copy.importState(host.exportState());
    expect(() => copy.open('https://git.example.com/team/private')).toThrow(denied);
    expect(copy.open('https://git.example.com/team/private', creds).private).toBe(true);
  });

  it('serves one repository for every unknown repoURL when asked (run --repo DIR), through a snapshot too', async () => {
    const { host } = await seeded();
    const other = await host.createRepo('https://git.example.com/team/other', { 'o.yaml': 'o: 1\n' }, { author: at(1) });
    expect(host.has('https://anything.example/x/y')).toBe(false);
    host.serveForAnyURL(URL);
    expect(host.get('https://anything.example/x/y').url).toBe(URL);
    expect(host.get('https://git.example.com/team/other')).toBe(other);
    const copy = new GitHost();
    await copy.importState(host.exportState());
    expect(copy.get('git@elsewhere:a/b.git').url).toBe(URL);
    host.serveForAnyURL(undefined);
    expect(() => host.get('https://anything.example/x/y')).toThrow('repository not found');
  });

  it('gives the same SHAs for the same content and virtual time in two separate hosts', async () => {
    const run = async () => {
      const { repo } = await seeded(new GitHost());
      await repo.commit({ 'a.txt': 'a\n' }, 'second', at(1_700_000_500));
      await repo.tag('v1', 'HEAD', { annotate: { message: 'v1', tagger: at(1_700_000_600) } });
      return { log: (await repo.log()).map((c) => c.sha), state: JSON.stringify(repo.exportState()) };
    };
    const one = await run();
    const two = await run();
    expect(one.log).toHaveLength(2);
    expect(two.log).toEqual(one.log);
    expect(two.state).toBe(one.state);
    const { repo } = await seeded(new GitHost());
    const other = await repo.commit({ 'a.txt': 'a\n' }, 'second', at(1_700_000_501));
    expect(other).not.toBe(one.log[0]);
  });

  it('export → import into a new host gives the same log, refs and files', async () => {
    const { host, repo } = await seeded();
    await repo.commit({ 'b.txt': 'b\n' }, 'b', at(1_700_000_010));
    await repo.branch('dev');
    await repo.tag('v2', 'HEAD', { annotate: { message: 'two', tagger: at(1_700_000_020) } });
    await host.createRepo('git@gitlab.com:team/infra.git', { 'x.yaml': 'x: 1\n' }, { author: at(5), branch: 'trunk' });
    const state = JSON.parse(JSON.stringify(host.exportState()));

    const copy = new GitHost();
    await copy.importState(state);
    expect(copy.list()).toEqual(host.list());
    const r = copy.get(URL);
    expect(await r.log()).toEqual(await repo.log());
    expect(await r.readTree('v2')).toEqual(await repo.readTree('HEAD'));
    expect(await r.resolve('dev')).toBe(await repo.resolve('dev'));
    expect(await copy.get('https://gitlab.com/team/infra').readFile('', 'x.yaml')).toBe('x: 1\n');
    expect(copy.get('https://gitlab.com/team/infra').defaultBranch).toBe('trunk');
    // The copy keeps working: a new commit lands on the imported history.
    await r.commit({ 'c.txt': 'c\n' }, 'c', at(1_700_000_030));
    expect((await r.log()).length).toBe((await repo.log()).length + 1);
  });
});
