import { describe, expect, it } from 'vitest';
import { GitError, GitHost, type GitSignature } from '../../../simulator/git/index.js';

const URL = 'https://github.com/example/guestbook.git';
const at = (timestamp: number, timezoneOffset = 0): GitSignature => ({ name: 'Learner', email: 'learner@example.com', timestamp, timezoneOffset });

function gitError(fn: () => unknown): GitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GitError) return e;
    throw e;
  }
  throw new Error('expected a GitError');
}

async function history() {
  const host = new GitHost();
  const repo = await host.createRepo(URL, { 'README.md': '# g\n', 'apps/web/deploy.yaml': 'kind: Deployment\n', 'apps/web/svc.yaml': 'kind: Service\n' }, { author: at(1_700_000_000) });
  const first = await repo.resolve('HEAD');
  await repo.tag('v1', 'HEAD');
  await repo.tag('v1-annotated', 'HEAD', { annotate: { message: 'release v1', tagger: at(1_700_000_001) } });
  const onFeature = await repo.commit({ 'apps/web/hpa.yaml': 'kind: HorizontalPodAutoscaler\n' }, 'feature', at(1_700_000_100), { branch: 'main' });
  await repo.branch('feature', first);
  const second = await repo.commit({ 'apps/web/svc.yaml': null, 'apps/db/sts.yaml': 'kind: StatefulSet\n' }, 'db', at(1_700_000_200, -120));
  return { host, repo, first, onFeature, second };
}

describe('synchronous git reads', () => {
  it('resolve every revision form exactly as the async path does', async () => {
    const { repo, first, second } = await history();
    for (const rev of ['', 'HEAD', 'main', 'feature', 'v1', 'v1-annotated', 'refs/heads/main', 'refs/tags/v1-annotated', first, first.slice(0, 7), second.toUpperCase()]) {
      expect(repo.resolveSync(rev), rev).toBe(await repo.resolve(rev));
    }
    expect(repo.resolveSync('feature')).toBe(first);
    expect(repo.resolveSync('v1-annotated')).toBe(first);
    expect(gitError(() => repo.resolveSync('nope')).message).toBe("unable to resolve 'nope' to a commit SHA");
    expect(gitError(() => repo.resolveSync('0000000')).reason).toBe('RevisionNotFound');
  });

  it('reads trees, files and logs equal to the async results, at any revision', async () => {
    const { repo, first } = await history();
    for (const rev of ['HEAD', first, 'v1']) {
      expect(repo.readTreeSync(rev)).toEqual(await repo.readTree(rev));
      expect(repo.readTreeSync(rev, 'apps/web')).toEqual(await repo.readTree(rev, 'apps/web'));
      expect(repo.listFilesSync(rev)).toEqual(await repo.listFiles(rev));
      expect(repo.logSync(rev)).toEqual(await repo.log(rev));
    }
    expect(repo.logSync('HEAD', { depth: 2 })).toEqual(await repo.log('HEAD', { depth: 2 }));
    expect(repo.logSync('HEAD')[0]!.committer.timezoneOffset).toBe(-120);
    expect(repo.readFileSync('HEAD', 'apps/db/sts.yaml')).toBe('kind: StatefulSet\n');
    expect(repo.readTreeSync('HEAD', './apps/db/')).toEqual({ 'sts.yaml': 'kind: StatefulSet\n' });
    expect(gitError(() => repo.readTreeSync('HEAD', 'apps/nope')).message).toBe("path 'apps/nope' does not exist in 'HEAD'");
    expect(gitError(() => repo.readFileSync(first, 'apps/db/sts.yaml')).reason).toBe('PathNotFound');
    expect(repo.branchesSync()).toEqual(await repo.branches());
  });

  it('sees a commit made after an earlier read (no stale ref cache)', async () => {
    const { repo } = await history();
    const before = repo.readTreeSync('main');
    const sha = await repo.commit({ 'README.md': '# v2\n' }, 'retitle', at(1_700_000_300));
    expect(repo.resolveSync('main')).toBe(sha);
    expect(repo.readTreeSync('main')['README.md']).toBe('# v2\n');
    expect(before['README.md']).toBe('# g\n');
  });

  it('importStateSync restores a host that the sync and async paths both read, private repos included', async () => {
    const { host } = await history();
    await host.createRepo('https://git.example.com/org/private', { 'a.yaml': 'kind: ConfigMap\n' }, { author: at(1), credentials: { username: 'u', password: 'p' } });
    const copy = new GitHost();
    copy.importStateSync(host.exportState());
    expect(copy.exportState()).toEqual(host.exportState());
    const repo = copy.get(URL);
    expect(repo.readTreeSync('v1-annotated')).toEqual(await host.get(URL).readTree('v1-annotated'));
    expect(await repo.log()).toEqual(host.get(URL).logSync());
    expect(gitError(() => copy.open('https://git.example.com/org/private.git')).message).toBe('authentication required');
    expect(copy.open('https://git.example.com/org/private.git', { username: 'u', password: 'p' }).readFileSync('', 'a.yaml')).toBe('kind: ConfigMap\n');
  });
});

describe('synchronous reads of compressed loose objects', () => {
  it('inflates objects other git writers compressed (fixed and dynamic Huffman blocks)', async () => {
    const { deflateSync } = await import('node:zlib');
    const { inflateZlib } = await import('../../../simulator/git/inflate.js');
    const text = Array.from({ length: 400 }, (_, i) => `line ${i % 17} of a fairly repetitive manifest: replicas=${i % 5}\n`).join('');
    for (const level of [1, 6, 9]) expect(new TextDecoder().decode(inflateZlib(deflateSync(text, { level })))).toBe(text);
    expect(new TextDecoder().decode(inflateZlib(deflateSync('a')))).toBe('a');
    // A repository whose objects were all recompressed (as a clone by real git would store them) still reads synchronously.
    const host = new GitHost();
    const repo = await host.createRepo(URL, { 'a/x.yaml': 'kind: ConfigMap\n', 'b.txt': text }, { author: at(1) });
    const state = host.exportState();
    const { fromBase64, toBase64 } = await import('../../../simulator/git/index.js');
    const { unzlibStored } = await import('../../../simulator/git/zlibStored.js');
    for (const [path, b64] of Object.entries(state.repos[0]!.files)) {
      if (!path.includes('/objects/')) continue;
      state.repos[0]!.files[path] = toBase64(deflateSync(unzlibStored(fromBase64(b64))!));
    }
    const copy = new GitHost();
    copy.importStateSync(state);
    expect(copy.get(URL).readTreeSync('HEAD')).toEqual(await repo.readTree('HEAD'));
  });
});
