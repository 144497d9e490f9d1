/** The worker's feature RPC: queries read, actions change the world and land in the journal with their virtual time. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  color: blue\n';

describe('feature calls', () => {
  it('runs a query without journaling it, and journals an action with its virtual time', async () => {
    host = new EngineHost();
    host.load(CM, { file: 'cm.yaml' });
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' };
    const got = host.call('cluster', 'get', [ref]) as { data: { color: string } };
    expect(got.data.color).toBe('blue');
    expect(host.journal()).toEqual([]);
    await host.advance(5_000);
    host.call('cluster', 'delete', [ref]);
    expect(host.call('cluster', 'get', [ref])).toBeNull();
    const [entry, ...rest] = host.journal();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ feature: 'cluster', method: 'delete', args: [ref] });
    expect(entry!.t - host.world.now()).toBe(0);
  });

  it('creates a git repository and reads its tree back through the git feature', async () => {
    host = new EngineHost();
    host.load('', { file: 'empty.yaml' });
    const sha = (await host.call('git', 'createRepo', ['https://git.example.com/team/guestbook.git', { 'app/cm.yaml': CM }])) as string;
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    const repos = host.call('git', 'repos', []) as { name: string; head: string }[];
    expect(repos.find((r) => r.name === 'guestbook')?.head).toBe(sha);
    expect(host.call('git', 'tree', ['https://git.example.com/team/guestbook.git'])).toEqual({ sha, files: { 'app/cm.yaml': CM } });
  });

  it('names the unknown feature or call', () => {
    host = new EngineHost();
    expect(() => host!.call('nope', 'x', [])).toThrow('unknown feature "nope"');
    expect(() => host!.call('git', 'push', [])).toThrow('feature "git" has no call "push"');
  });
});
