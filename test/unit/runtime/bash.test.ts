import { describe, expect, it } from 'vitest';
import { LIMIT_EXIT_CODE } from '../../../simulator/runtime/index.js';
import { logs, phase, pod, terminated, world } from './helpers.js';

describe('real bash (just-bash) over the pod filesystem', () => {
  it('runs sh -c with arithmetic, redirection and cat: logs and files; the sync driver stops awaiting the runtime', async () => {
    const sb = world();
    sb.store.create(pod('calc', [{ name: 'main', image: 'alpine:3.19', command: ['sh', '-c', 'echo $((1+2)) > /tmp/out; cat /tmp/out'] }]));
    const sync = sb.runUntilSettled();
    expect(sync.reason).toBe('awaiting-runtime');
    const r = await sb.runUntilSettledAsync();
    expect(r.settled).toBe(true);
    expect(logs(sb, 'calc', 'main')).toEqual(['3']);
    expect(sb.podFiles.files('default', 'calc')).toEqual({ '/tmp/out': '3\n' });
    expect(phase(sb, 'calc')).toBe('Succeeded');
  });

  it('plays output at the virtual offsets of sleep, and date reads virtual time', async () => {
    const sb = world();
    sb.store.create(pod('clock', [{ name: 'main', image: 'bash:5', command: ['bash', '-c', 'date -u +%H:%M:%S; sleep 30; for i in 1 2; do echo tick $i; sleep 5; done; date -u +%H:%M:%S'] }]));
    await sb.runUntilSettledAsync();
    const lines = sb.podLogs.read('default', 'clock', 'main');
    const start = lines[0]!.t;
    expect(lines.map((l) => [l.t - start, l.text.replace(/^\d\d:\d\d:\d\d$/, 'TIME')])).toEqual([
      [0, 'TIME'],
      [30_000, 'tick 1'],
      [35_000, 'tick 2'],
      [40_000, 'TIME'],
    ]);
    const t0 = lines[0]!.text.split(':').map(Number);
    const t1 = lines[3]!.text.split(':').map(Number);
    expect((t1[0]! * 3600 + t1[1]! * 60 + t1[2]!) - (t0[0]! * 3600 + t0[1]! * 60 + t0[2]!)).toBe(40);
    const main = terminated(sb, 'clock', 'main')!;
    expect((Date.parse(main.finishedAt) - Date.parse(main.startedAt)) / 1000).toBe(40);
  });

  it('stops an infinite loop with exit 124 and a clear log line, and the engine carries on', async () => {
    const sb = world();
    sb.store.create(pod('spin', [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo start; while true; do :; done'] }]));
    sb.store.create(pod('after', [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo fine'] }]));
    await sb.runUntilSettledAsync();
    expect(terminated(sb, 'spin', 'main')?.exitCode).toBe(LIMIT_EXIT_CODE);
    expect(logs(sb, 'spin', 'main')[0]).toBe('start');
    expect(logs(sb, 'spin', 'main').at(-1)).toMatch(/^\[argo-sandbox\] script stopped: it exceeded the step limit \(maxLoopIterations 10000\)/);
    expect(phase(sb, 'spin')).toBe('Failed');
    expect(logs(sb, 'after', 'main')).toEqual(['fine']);
  });

  it('a loop that sleeps runs until killed, like a daemon', async () => {
    const sb = world();
    sb.store.create(pod('daemon', [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'while true; do echo alive; sleep 10; done'] }]));
    await sb.advanceAsync(25_000);
    expect(phase(sb, 'daemon')).toBe('Running');
    expect(logs(sb, 'daemon', 'main')).toEqual(['alive', 'alive', 'alive']);
  });

  it('is deterministic: same seed, same $RANDOM values and the same event log', async () => {
    const run = async (seed: number) => {
      const sb = world(seed);
      sb.store.create(pod('dice', [{ name: 'main', image: 'ubuntu', command: ['bash', '-c', 'echo $RANDOM $RANDOM; exit $((RANDOM % 2))'] }]));
      await sb.runUntilSettledAsync();
      return { logs: logs(sb, 'dice', 'main'), events: JSON.stringify(sb.log.all()) };
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a).toEqual(b);
    expect(a.logs[0]).toMatch(/^\d+ \d+$/);
    expect(c.logs).not.toEqual(a.logs);
  });

  it('runs real bash: command substitution, functions, heredocs, echo flags, hostname of the pod', async () => {
    const sb = world();
    const script = [
      'greet() { echo "hello $1"; }',
      'x=$(greet argo); echo "got: $x"',
      'echo -e "a\\tb"; echo -n "no newline"; echo',
      'cat <<EOF > /work/notes.txt',
      '  indented',
      'EOF',
      'wc -l < /work/notes.txt; hostname; whoami',
      'rm /etc/motd',
      'echo moo | cowsay | head -2',
    ].join('\n');
    sb.store.create(pod('rich', [{ name: 'main', image: 'bash:5', command: ['bash', '-c', script] }]));
    sb.podFiles.write('default', 'rich', '/etc/motd', 'welcome');
    await sb.runUntilSettledAsync();
    expect(logs(sb, 'rich', 'main')).toEqual(['got: hello argo', 'a\tb', 'no newline', '1', 'rich', 'root', ' _____ ', '< moo >']);
    expect(sb.podFiles.files('default', 'rich')).toEqual({ '/work/notes.txt': '  indented\n' });
  });

  it('nc -l is a server that runs until killed; package installs are visible no-ops', async () => {
    const sb = world();
    sb.store.create(pod('srv', [{ name: 'main', image: 'alpine:3.23', command: ['sh', '-c', 'apk add --no-cache curl; echo listening; nc -lk -p 9999 -e /bin/true'] }]));
    await sb.advanceAsync(60_000);
    expect(phase(sb, 'srv')).toBe('Running');
    expect(logs(sb, 'srv', 'main')).toEqual(['[argo-sandbox] apk: package installs are not simulated; treated as a no-op that exits 0', 'listening']);
  });

  it('lists volume mounts in /proc/mounts; curl reaches the pod\'s nginx on localhost and nothing else; nginx by its command line is a server', async () => {
    const sb = world();
    sb.store.create(
      pod(
        'net',
        [
          { name: 'web', image: 'nginx:1.13', command: ['nginx', '-g', 'daemon off;'] },
          { name: 'main', image: 'alpine', command: ['sh', '-c', 'grep -c /mnt/vol /proc/mounts; curl -s http://127.0.0.1/ | grep title; curl -s http://example.com/ || echo "exit $?"'], volumeMounts: [{ name: 'v', mountPath: '/mnt/vol' }] },
        ],
        { volumes: [{ name: 'v', emptyDir: {} }] },
      ),
    );
    await sb.advanceAsync(60_000);
    expect(logs(sb, 'net', 'main')).toEqual([
      '1',
      '<title>Welcome to nginx!</title>',
      'exit 7',
      'curl: (7) Failed to connect to example.com port 80 after 0 ms: Couldn\'t connect to server',
      '[argo-sandbox] the sandbox has no network: HTTP requests from containers are not simulated',
    ]);
    expect(terminated(sb, 'net', 'web')).toBeUndefined();
  });

  it("curl reaches another running pod's server by its pod IP", async () => {
    const sb = world();
    sb.store.create(pod('web', [{ name: 'nginx', image: 'nginx:1.25' }]));
    await sb.advanceAsync(30_000);
    const ip = (sb.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web' })?.status as { podIP: string }).podIP;
    sb.store.create(pod('client', [{ name: 'main', image: 'curlimages/curl', command: ['sh', '-c', `curl -s http://${ip}/ | grep '<h1>'; curl -s http://${ip}:8080/ || echo refused`] }]));
    await sb.advanceAsync(30_000);
    expect(logs(sb, 'client', 'main').slice(0, 2)).toEqual(['<h1>Welcome to nginx!</h1>', 'refused']);
  });

  it('drops the pod filesystem with the pod', async () => {
    const sb = world();
    sb.store.create(pod('tmp', [{ name: 'main', image: 'alpine', command: ['sh', '-c', 'echo data > /tmp/f'] }]));
    await sb.runUntilSettledAsync();
    expect(sb.podFiles.files('default', 'tmp')).toEqual({ '/tmp/f': 'data\n' });
    sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'tmp' });
    await sb.runUntilSettledAsync();
    expect(sb.podFiles.files('default', 'tmp')).toEqual({});
    expect(sb.podFiles.podKeys()).toEqual([]);
  });

  it('keeps the tiny shell for plain pods it fully covers (no async work)', () => {
    const sb = world();
    sb.store.create(pod('plain', [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo hi; sleep 1; echo bye'] }]));
    expect(sb.runUntilSettled().reason).toBe('settled');
    expect(logs(sb, 'plain', 'main')).toEqual(['hi', 'bye']);
  });
});
