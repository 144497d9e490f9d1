import { describe, expect, it } from 'vitest';
import { runWorkflow } from '../operator/helpers.js';

/** A member that fails until its third run: the attempt count survives in the container's own files. */
const counting = (retries: string, duration: string) => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: cs-retry}
spec:
  entrypoint: main
  templates:
  - name: main
    containerSet:
      retryStrategy: {retries: ${retries}${duration ? `, duration: ${duration}` : ''}}
      containers:
      - name: ok
        image: alpine:3.20
        command: [sh, -c]
        args: ["echo fine"]
      - name: flaky
        image: alpine:3.20
        command: [sh, -c]
        args: ['n=$(cat /tmp/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /tmp/n; echo "attempt $n"; [ $n -ge 3 ]']
`;

const podOf = (sb: Awaited<ReturnType<typeof runWorkflow>>['sb']) => sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
const logOf = (sb: Awaited<ReturnType<typeof runWorkflow>>['sb'], c: string) => sb.podLogs.read('default', podOf(sb)[0]!.metadata.name, c).map((l) => l.text);

describe('containerSet.retryStrategy: the emissary re-runs the command in the same container', () => {
  it('retries "3" with duration 2s: three attempts in one container, one pod, the node Succeeds', async () => {
    const { sb, status, byName } = await runWorkflow(counting('"3"', '2s'));
    expect(status.phase).toBe('Succeeded');
    expect(podOf(sb)).toHaveLength(1);
    expect(logOf(sb, 'flaky')).toEqual(['attempt 1', 'attempt 2', 'attempt 3']);
    expect(logOf(sb, 'ok')).toEqual(['fine']);
    // No Retry nodes: the same Container node, whose run spans both 2s pauses.
    expect(Object.values(status.nodes ?? {}).map((n) => n.type).sort()).toEqual(['Container', 'Container', 'Pod']);
    const flaky = byName('cs-retry.flaky');
    expect(flaky.phase).toBe('Succeeded');
    expect(Date.parse(flaky.finishedAt ?? '') - Date.parse(flaky.startedAt ?? '')).toBeGreaterThanOrEqual(4000);
    const cs = (podOf(sb)[0]!.status as { containerStatuses: { name: string; restartCount: number }[] }).containerStatuses.find((c) => c.name === 'flaky');
    expect(cs?.restartCount).toBe(0);
  });

  it('retries is the number of attempts (wait.Backoff.Steps): 2 attempts, then the last exit code fails the node', async () => {
    const { sb, status, byName } = await runWorkflow(counting('2', ''));
    expect(status.phase).toBe('Failed');
    expect(logOf(sb, 'flaky')).toEqual(['attempt 1', 'attempt 2']);
    expect(byName('cs-retry.flaky').phase).toBe('Failed');
    // podReconciliation's container message: `%s: %s (exit code %d): %s` with the empty termination message.
    expect(byName('cs-retry.flaky').message).toBe('flaky: Error (exit code 1): ');
    expect(byName('cs-retry.ok').phase).toBe('Succeeded');
  });

  it('without a retryStrategy a failing member runs once', async () => {
    const { sb, status } = await runWorkflow(counting('1', ''));
    expect(status.phase).toBe('Failed');
    expect(logOf(sb, 'flaky')).toEqual(['attempt 1']);
  });

  it('a duration Go cannot parse makes the emissary exit 64 with its error', async () => {
    const { sb, byName } = await runWorkflow(counting('3', '"30"'));
    expect(logOf(sb, 'flaky')).toEqual(['Error: failed to get retry strategy: time: missing unit in duration "30"']);
    expect(byName('cs-retry.flaky').phase).toBe('Error');
  });
});
