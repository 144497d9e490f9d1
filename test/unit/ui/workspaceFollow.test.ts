/** Working copies follow the checked-out branch (kept across reloads by persistence), not only the default branch. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import type { RepoSummary } from '../../../src/worker/features/git.js';
import { HeadFollower, checkedOutBranch } from '../../../src/workspace/follow.js';
import type { ReadTree } from '../../../src/workspace/follow.js';
import { WorkspaceStore } from '../../../src/workspace/store.js';

const URL = 'https://git.example.com/team/guestbook.git';
const ME = { name: 'Ada', email: 'ada@example.com' };

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

async function setup() {
  const h = (host = new EngineHost());
  h.load('', { file: 'empty.yaml' });
  await h.call('git', 'createRepo', [URL, { 'app/cm.yaml': 'color: blue\n' }]);
  await h.call('git', 'createBranch', [URL, 'feature']);
  await h.call('git', 'commit', [URL, 'feature', 'Green on feature', { 'app/cm.yaml': 'color: green\n', 'app/extra.yaml': 'x: 1\n' }, ME]);
  const ws = new WorkspaceStore();
  const follower = new HeadFollower((name, files) => ws.syncBase(name, files));
  const reads: string[] = [];
  const readTree: ReadTree = (url, ref) => {
    reads.push(ref);
    return Promise.resolve(h.call('git', 'tree', [url, ref]) as { sha: string; files: Record<string, string> });
  };
  const repos = () => h.call('git', 'repos', []) as RepoSummary[];
  return { h, ws, follower, readTree, reads, repos };
}

describe('HeadFollower', () => {
  it('uses the saved branch while it exists, else the default branch', () => {
    const r = { url: URL, branches: ['feature', 'main'], defaultBranch: 'main' };
    expect(checkedOutBranch(r, {})).toBe('main');
    expect(checkedOutBranch(r, { [URL]: 'feature' })).toBe('feature');
    expect(checkedOutBranch(r, { [URL]: 'gone' })).toBe('main');
  });

  it('puts a working copy on the checked-out branch, and keeps it there when the default branch moves', async () => {
    const { h, ws, follower, readTree, repos } = await setup();
    await follower.follow(readTree, repos(), { [URL]: 'feature' }, 'k1');
    expect(ws.state.files['repos/guestbook/app/cm.yaml']).toBe('color: green\n');
    expect(ws.state.files['repos/guestbook/app/extra.yaml']).toBe('x: 1\n');
    // main moves (HEAD changes): the working copy stays on feature.
    await h.call('git', 'commit', [URL, 'main', 'Red on main', { 'app/cm.yaml': 'color: red\n' }, ME]);
    await follower.follow(readTree, repos(), { [URL]: 'feature' }, 'k2');
    expect(ws.state.files['repos/guestbook/app/cm.yaml']).toBe('color: green\n');
    expect(ws.changes('guestbook')).toEqual({});
  });

  it('follows a commit on the checked-out branch, and comes back to main when the branch is no longer checked out', async () => {
    const { h, ws, follower, readTree, reads, repos } = await setup();
    await follower.follow(readTree, repos(), { [URL]: 'feature' }, 'k1');
    // Same world position: nothing is read again.
    await follower.follow(readTree, repos(), { [URL]: 'feature' }, 'k1');
    expect(reads).toEqual(['feature']);
    await h.call('git', 'commit', [URL, 'feature', 'Yellow', { 'app/cm.yaml': 'color: yellow\n' }, ME]);
    await follower.follow(readTree, repos(), { [URL]: 'feature' }, 'k2');
    expect(ws.state.files['repos/guestbook/app/cm.yaml']).toBe('color: yellow\n');
    await follower.follow(readTree, repos(), {}, 'k2');
    expect(ws.state.files['repos/guestbook/app/cm.yaml']).toBe('color: blue\n');
    expect(Object.hasOwn(ws.state.files, 'repos/guestbook/app/extra.yaml')).toBe(false);
  });

  it('after a reset (workspace imported) re-reads the branch; a late answer of an older read is dropped', async () => {
    const { ws, follower, repos, h } = await setup();
    let release: (() => void) | undefined;
    const slow: ReadTree = (url, ref) =>
      new Promise((resolve) => {
        release = () => resolve(h.call('git', 'tree', [url, ref]) as { sha: string; files: Record<string, string> });
      });
    const older = follower.follow(slow, repos(), {}, 'k1');
    const releaseOlder = release!;
    const newer = follower.follow(slow, repos(), { [URL]: 'feature' }, 'k1');
    release!();
    await newer;
    releaseOlder();
    await older;
    expect(ws.state.files['repos/guestbook/app/cm.yaml']).toBe('color: green\n');
    ws.importState({ files: {}, base: {}, open: [] });
    follower.reset();
    const again = follower.follow(slow, repos(), { [URL]: 'feature' }, 'k1');
    release!();
    await again;
    expect(ws.state.files['repos/guestbook/app/cm.yaml']).toBe('color: green\n');
  });
});
