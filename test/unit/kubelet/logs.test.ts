import { describe, expect, it } from 'vitest';
import { INSTANT, apply, eventTimes, maybeContainer, pod, until, world } from './helpers.js';

describe('kubelet: container logs', () => {
  it('writes each line at its virtual time, not before', () => {
    const sb = world();
    apply(sb, [pod('talk', { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo start; sleep 5; echo done'] }] })]);
    until(sb, () => maybeContainer(sb, 'talk', 'main')?.state.running !== undefined, 60_000, 10);
    const started = eventTimes(sb, 'talk', 'Started', 0)[0]!;
    sb.advance(2_000);
    expect(sb.podLogs.read('default', 'talk', 'main').map((l) => l.text)).toEqual(['start']);
    sb.runUntilSettled();
    expect(sb.podLogs.read('default', 'talk', 'main').map((l) => [l.t - started, l.text])).toEqual([
      [0, 'start'],
      [5_000, 'done'],
    ]);
  });

  it('keeps the previous instance readable with `previous` after a restart', () => {
    const sb = world();
    apply(sb, [pod('again', { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo started at; date; exit 1'] }] }, INSTANT)]);
    until(sb, () => (maybeContainer(sb, 'again', 'main')?.restartCount ?? 0) >= 2, 120_000, 50);
    const current = sb.podLogs.read('default', 'again', 'main').map((l) => l.text);
    const previous = sb.podLogs.read('default', 'again', 'main', { previous: true }).map((l) => l.text);
    expect(current[0]).toBe('started at');
    expect(previous[0]).toBe('started at');
    // The third run started 10 s (the first back-off) after the second: `date` shows virtual time.
    expect(previous[1]).toBe('Wed Jan  1 00:00:00 UTC 2025');
    expect(current[1]).toBe('Wed Jan  1 00:00:10 UTC 2025');
  });

  it('expands $(VAR) from env, fieldRef and ConfigMap keys (undefined ones stay as written), and $VAR inside sh -c', () => {
    const sb = world();
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'greeting', namespace: 'default' }, data: { WORD: 'hello' } });
    apply(sb, [
      pod('env', {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'main',
            image: 'busybox:1.36',
            env: [
              { name: 'WHO', value: 'world' },
              { name: 'WORD', valueFrom: { configMapKeyRef: { name: 'greeting', key: 'WORD' } } },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            ],
            command: ['sh', '-c', `echo "$(WORD) $WHO from $POD"; printenv WHO; echo '$(MISSING)'`],
          },
        ],
      }),
    ]);
    sb.runUntilSettled();
    expect(sb.podLogs.read('default', 'env', 'main').map((l) => l.text)).toEqual(['hello world from env', 'world', '$(MISSING)']);
  });
});
