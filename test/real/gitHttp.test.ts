/**
 * The sandbox's repositories over git smart-HTTP, cloned by the real `git` binary (when present) and
 * by isomorphic-git's `clone`: same commits, files, branches and tags as the sandbox holds; a later
 * fetch brings new commits; pushing is refused.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as nodeFs from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitUrlFor, handleGitHttp, parsePktLines, repoResolver } from '../../bridge/gitHttp/index.js';
import { GitHost } from '../../simulator/git/index.js';
import type { GitRepository } from '../../simulator/git/index.js';

const GIT = process.env.GIT ?? '/usr/bin/git';
const hasGit = existsSync(GIT);
const author = (t: number) => ({ name: 'Learner', email: 'learner@example.com', timestamp: t });
const REPO_URL = 'https://github.com/example/guestbook.git';

let server: Server;
let base: string;
let repo: GitRepository;
let dir: string;

function run(cmd: string, args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Async: the server answering it runs in this process.
    execFile(cmd, args, { cwd, timeout: 20_000, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argo-sandbox-githttp-'));
  const host = new GitHost();
  repo = await host.createRepo(REPO_URL, { 'guestbook/deployment.yaml': 'kind: Deployment\n', 'README.md': '# guestbook\n' }, { author: author(1_700_000_000) });
  await repo.commit({ 'guestbook/service.yaml': 'kind: Service\n' }, 'Add service', author(1_700_000_060));
  await repo.tag('v1.0.0', 'HEAD');
  await repo.tag('v1.0.1', 'HEAD', { annotate: { message: 'release 1.0.1', tagger: author(1_700_000_090) } });
  await repo.branch('staging');
  await repo.commit({ 'guestbook/staging.txt': 'staging only\n' }, 'Staging tweak', author(1_700_000_120), { branch: 'staging' });
  server = createServer((req, res) => {
    handleGitHttp({ resolve: repoResolver(host) }, req, res)
      .then((handled) => {
        if (!handled) res.writeHead(404).end();
      })
      .catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('git smart-HTTP over the sandbox repositories', () => {
  it('advertises HEAD (symref to main), branches and tags with the peeled annotated tag', async () => {
    const res = await fetch(`${gitUrlFor(base, REPO_URL)}/info/refs?service=git-upload-pack`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-git-upload-pack-advertisement');
    const lines = parsePktLines(Buffer.from(await res.arrayBuffer()));
    expect(lines[0]).toBe('# service=git-upload-pack\n');
    expect(lines[1]).toBeNull();
    const main = await repo.resolve('main');
    const [head, caps] = lines[2]!.split('\0');
    expect(head).toBe(`${main} HEAD`);
    expect(caps).toContain('symref=HEAD:refs/heads/main');
    const refs = lines.slice(3, -1).map((l) => l!.trim().split(' ')[1]);
    expect(refs).toEqual(['refs/heads/main', 'refs/heads/staging', 'refs/tags/v1.0.0', 'refs/tags/v1.0.1', 'refs/tags/v1.0.1^{}']);
    expect(lines[lines.length - 1]).toBeNull();
  });

  it('answers 404 for an unknown repository and 403 for push', async () => {
    expect((await fetch(`${base}/git/github.com/example/nope.git/info/refs?service=git-upload-pack`)).status).toBe(404);
    expect((await fetch(`${gitUrlFor(base, REPO_URL)}/info/refs?service=git-receive-pack`)).status).toBe(403);
  });

  it('isomorphic-git clone gets the files and history of the default branch', async () => {
    const cloneDir = join(dir, 'iso');
    await git.clone({ fs: nodeFs, http, dir: cloneDir, url: gitUrlFor(base, REPO_URL), singleBranch: false });
    expect(readFileSync(join(cloneDir, 'guestbook/service.yaml'), 'utf8')).toBe('kind: Service\n');
    const log = await git.log({ fs: nodeFs, dir: cloneDir });
    expect(log.map((c) => c.oid)).toEqual((await repo.log('main')).map((c) => c.sha));
    const remoteBranches = await git.listBranches({ fs: nodeFs, dir: cloneDir, remote: 'origin' });
    expect(remoteBranches).toEqual(expect.arrayContaining(['main', 'staging']));
  });

  describe.skipIf(!hasGit)(`with the real git binary${hasGit ? '' : ` [SKIPPED: git not found at ${GIT}]`}`, () => {
    it('git clone: same commits, tags and branches; git fsck finds nothing wrong', async () => {
      const target = join(dir, 'cli');
      const clone = await run(GIT, ['clone', '--quiet', gitUrlFor(base, REPO_URL), target]);
      expect(clone.stderr).toBe('');
      expect(clone.code).toBe(0);
      expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('# guestbook\n');
      const log = await run(GIT, ['log', '--format=%H', 'HEAD'], target);
      expect(log.stdout.trim().split('\n')).toEqual((await repo.log('main')).map((c) => c.sha));
      const tags = await run(GIT, ['tag', '-n1'], target);
      expect(tags.stdout).toMatch(/^v1\.0\.0\s+Add service\nv1\.0\.1\s+release 1\.0\.1\n$/);
      const staging = await run(GIT, ['log', '--format=%s', '-1', 'origin/staging'], target);
      expect(staging.stdout.trim()).toBe('Staging tweak');
      const fsck = await run(GIT, ['fsck', '--strict'], target);
      expect(fsck.code).toBe(0);
    });

    it('git fetch after a new commit in the sandbox brings it (negotiation with haves)', async () => {
      const target = join(dir, 'cli');
      const sha = await repo.commit({ 'guestbook/deployment.yaml': 'kind: Deployment\nreplicas: 3\n' }, 'Scale to 3', author(1_700_000_200));
      const pull = await run(GIT, ['pull', '--quiet', '--ff-only'], target);
      expect(pull.code).toBe(0);
      expect((await run(GIT, ['rev-parse', 'HEAD'], target)).stdout.trim()).toBe(sha);
      expect(readFileSync(join(target, 'guestbook/deployment.yaml'), 'utf8')).toBe('kind: Deployment\nreplicas: 3\n');
    });

    it('git push is refused: the server is read-only', async () => {
      const target = join(dir, 'cli');
      await run(GIT, ['-c', 'user.name=x', '-c', 'user.email=x@y', 'commit', '--allow-empty', '-m', 'nope'], target);
      const push = await run(GIT, ['push', 'origin', 'HEAD:main'], target);
      expect(push.code).not.toBe(0);
      expect(push.stderr).toMatch(/403/);
    });
  });
});
