/** The pods feature: a per-container timeline rebuilt from kubelet events and statuses, and container logs. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import type { PodTimeline } from '../../../src/worker/features/pods.js';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

const WF = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: hello, namespace: default}
spec:
  entrypoint: say
  templates:
    - name: say
      container: {image: argoproj/argosay:v2, args: [echo, hello from argosay]}
`;

const CRASH = `apiVersion: v1
kind: Pod
metadata: {name: crasher, namespace: default}
spec:
  containers:
    - name: app
      image: busybox:1.36
      command: [sh, -c, "echo starting; exit 1"]
`;

const q = <T>(method: string, ...args: unknown[]): T => host!.call('pods', method, args) as T;

describe('pods feature', () => {
  it("tells an Argo pod's init / wait / main story in order, with main's logs", async () => {
    host = new EngineHost();
    host.load(WF, { file: 'wf.yaml' });
    await host.advance(60_000);
    const [pod] = q<{ name: string; phase: string }[]>('list', 'default');
    expect(pod?.phase).toBe('Succeeded');
    const tl = q<PodTimeline>('timeline', 'default', pod!.name);
    expect(tl.workflow).toMatchObject({ name: 'hello', nodeId: 'hello' });
    expect(tl.containers.map((c) => [c.name, c.role, c.state])).toEqual([
      ['init', 'init', 'Completed'],
      ['wait', 'wait', 'Completed'],
      ['main', 'main', 'Completed'],
    ]);
    const [init, wait, main] = tl.containers;
    const run = (c: typeof init) => c!.spans.find((s) => s.state === 'running')!;
    // Waiting while the pod initializes, then running; the main containers start only after init ran.
    expect(init!.spans[0]).toMatchObject({ state: 'waiting', reason: 'PodInitializing', from: tl.from });
    // Statuses keep whole seconds; the run still lasts at least until the container's last log line.
    const initLines = q<{ t: number }[]>('logs', 'default', pod!.name, 'init');
    expect(run(init).to).toBeGreaterThanOrEqual(initLines.at(-1)!.t);
    expect(run(init).to).toBeGreaterThan(run(init).from);
    expect(run(wait).from).toBeGreaterThanOrEqual(run(init).to);
    expect(run(main).from).toBeGreaterThanOrEqual(run(init).to);
    expect(main!.spans.at(-1)).toMatchObject({ state: 'terminated', reason: 'Completed', exitCode: 0 });
    for (const c of tl.containers) for (const s of c.spans) expect(s.to).toBeGreaterThanOrEqual(s.from);
    // A finished pod's axis ends soon after its last change, not at "now" (60 s later).
    expect(tl.to).toBeLessThan(host.world.now() - 30_000);
    for (const c of tl.containers) expect(c.spans.at(-1)!.to).toBeLessThanOrEqual(tl.to);
    expect(main!.markers.map((m) => m.reason)).toEqual(expect.arrayContaining(['Pulling', 'Started']));
    expect(tl.events.map((e) => e.reason)).toContain('Scheduled');
    const logs = q<{ text: string }[]>('logs', 'default', pod!.name, 'main');
    expect(logs.map((l) => l.text).join('\n')).toContain('hello from argosay');
  });

  it('shows CrashLoopBackOff waits between restarts of a crashing container', async () => {
    host = new EngineHost();
    host.load(CRASH, { file: 'pod.yaml' });
    await host.advance(90_000);
    const tl = q<PodTimeline>('timeline', 'default', 'crasher');
    const [app] = tl.containers;
    expect(app!.restartCount).toBeGreaterThanOrEqual(2);
    expect(app!.spans.filter((s) => s.state === 'running').length).toBeGreaterThanOrEqual(2);
    expect(app!.spans.some((s) => s.state === 'waiting' && s.reason === 'CrashLoopBackOff')).toBe(true);
    expect(app!.markers.some((m) => m.reason === 'BackOff' && m.warning)).toBe(true);
    // Spans are in time order and do not overlap.
    for (let i = 1; i < app!.spans.length; i++) expect(app!.spans[i]!.from).toBeGreaterThanOrEqual(app!.spans[i - 1]!.to);
    expect(q<{ text: string }[]>('logs', 'default', 'crasher', 'app', true).map((l) => l.text)).toContain('starting');
    expect(q('timeline', 'default', 'nope')).toBeNull();
  });
});
