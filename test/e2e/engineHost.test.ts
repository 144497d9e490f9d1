/**
 * The worker's engine host, end to end in Node (no browser): loading a scenario, kubectl-style apply
 * results, located errors, the real-time pump and the ~10 Hz push throttle (under fake timers).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineHost } from '../../src/worker/engineHost.js';
import type { ViewModel } from '../../src/worker/protocol.js';

const DEFAULT = readFileSync(resolve(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');
const CM = (color: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: demo\ndata:\n  color: ${color}\n`;

let host: EngineHost;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
  host = new EngineHost();
});

afterEach(() => {
  host.dispose();
  vi.useRealTimers();
});

describe('EngineHost', () => {
  it('loads the default scenario and reports each object like kubectl apply', async () => {
    const r = await host.load(DEFAULT, { file: 'scenarios/default.yaml' });
    expect(r.errors).toEqual([]);
    expect(r.applied).toEqual(['namespace/demo created', 'configmap/web-config created', 'deployment.apps/web created', 'job.batch/hello created']);
    const vm = host.snapshot();
    const names = (kind: string) => vm.kinds.find((k) => k.kind === kind)?.rows.map((row) => `${row.namespace ?? ''}/${row.name}`) ?? [];
    expect(names('Deployment')).toEqual(['demo/web']);
    expect(names('Job')).toEqual(['demo/hello']);
    expect(names('Namespace')).toContain('/demo');
    expect(vm.namespaces).toContain('demo');
    expect(vm.kinds.some((k) => k.kind === 'Event')).toBe(false);
  });

  it('shows pods like kubectl get pods, with one badge per init and main container', () => {
    host.load(DEFAULT);
    host.advance(30_000);
    const pods = host.snapshot().kinds.find((k) => k.kind === 'Pod')!;
    expect(pods.columns).toEqual(['READY', 'STATUS', 'RESTARTS', 'AGE']);
    const web = pods.rows.filter((r) => r.name.startsWith('web-'));
    expect(web.map((r) => [r.ready, r.status, r.tone])).toEqual(Array(3).fill(['1/1', 'Running', 'ok']));
    const job = pods.rows.find((r) => r.name.startsWith('hello-'))!;
    expect(job.status).toBe('Completed');
    expect(job.containers?.map((c) => [c.init, c.name, c.state, c.reason])).toEqual([
      [true, 'prepare', 'terminated', 'Completed'],
      [false, 'main', 'terminated', 'Completed'],
    ]);
  });

  it('says created, unchanged, configured on repeated applies', () => {
    host.load(DEFAULT);
    expect(host.apply(CM('blue')).applied).toEqual(['configmap/settings created']);
    expect(host.apply(CM('blue')).applied).toEqual(['configmap/settings unchanged']);
    expect(host.apply(CM('red')).applied).toEqual(['configmap/settings configured']);
    const row = host.snapshot().kinds.find((k) => k.kind === 'ConfigMap')?.rows.find((x) => x.name === 'settings');
    expect(row?.cells[0]).toBe('1');
    expect(row?.age).toBe('0s');
    host.advance(90_000);
    expect(host.snapshot().kinds.find((k) => k.kind === 'ConfigMap')?.rows.find((x) => x.name === 'settings')?.age).toBe('90s');
  });

  it('returns located errors: YAML syntax by line, server errors at the document', () => {
    host.load(DEFAULT);
    const bad = host.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   namespace: demo\n', 'mine.yaml');
    expect(bad.applied).toEqual([]);
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatchObject({ file: 'mine.yaml', line: 5 });
    const missing = host.apply('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: nowhere\n', 'mine.yaml');
    expect(missing.errors[0]).toMatchObject({ file: 'mine.yaml', line: 2, message: 'namespaces "nowhere" not found' });
  });

  it('moves virtual time at speed× real time while playing, and not while paused', () => {
    host.load(DEFAULT);
    const t0 = host.world.now();
    host.play(10);
    vi.advanceTimersByTime(1_000);
    expect(host.world.now() - t0).toBe(10_000);
    host.pause();
    vi.advanceTimersByTime(1_000);
    expect(host.world.now() - t0).toBe(10_000);
    host.advance(60_000);
    expect(host.snapshot().elapsed).toBe('00:01:10');
  });

  it('step runs one work item and pauses', () => {
    host.load(DEFAULT, { playSpeed: 1 });
    expect(host.snapshot().playing).toBe(true);
    const before = host.world.scheduler.size;
    expect(before).toBeGreaterThan(0);
    expect(host.step()).toBe(true);
    expect(host.snapshot().playing).toBe(false);
  });

  it('pushes view models at most ~10 times a second, and always after the last change', () => {
    const pushes: ViewModel[] = [];
    host.subscribe((vm) => pushes.push(vm));
    host.load(DEFAULT);
    host.play(100);
    vi.advanceTimersByTime(2_000);
    expect(pushes.length).toBeGreaterThanOrEqual(15);
    expect(pushes.length).toBeLessThanOrEqual(21);
    host.pause();
    host.apply(CM('green'));
    vi.advanceTimersByTime(200);
    const last = pushes.at(-1)!;
    expect(last.playing).toBe(false);
    expect(last.kinds.find((k) => k.kind === 'ConfigMap')?.rows.some((r) => r.name === 'settings')).toBe(true);
  });

  it('forwards serialisable xstate inspection events for every controller actor when inspect is enabled', async () => {
    const seen: unknown[] = [];
    await host.enableInspect((e) => seen.push(e));
    host.load(DEFAULT);
    host.advance(5_000);
    vi.advanceTimersByTime(10);
    expect(seen.length).toBeGreaterThan(0);
    for (const e of seen) expect(() => structuredClone(e)).not.toThrow();
    const types = new Set(seen.map((e) => (e as { type: string }).type));
    expect(types.has('@xstate.actor')).toBe(true);
    expect(types.has('@xstate.event')).toBe(true);
  });
});
