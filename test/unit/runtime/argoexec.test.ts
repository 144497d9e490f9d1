import { describe, expect, it } from 'vitest';
import { argoPod, captureCreated, logs, phase, terminated, world } from './helpers.js';

describe('argoexec: init, wait and the emissary in an Argo-shaped pod', () => {
  it('wait reports a WorkflowTaskResult with parameters from files, stdout as result, and the exit code', async () => {
    const sb = world();
    const results = captureCreated(sb, 'WorkflowTaskResult');
    const template = {
      name: 'gen',
      script: { image: 'alpine:3.19', command: ['sh'], source: 'echo -n 42 > /tmp/answer.txt\necho "the answer"\n' },
      outputs: {
        parameters: [
          { name: 'answer', valueFrom: { path: '/tmp/answer.txt' } },
          { name: 'missing', valueFrom: { path: '/tmp/nope', default: 'fallback' } },
        ],
      },
    };
    sb.store.create(argoPod('gen-1', template, { image: 'alpine:3.19', command: ['sh', '/argo/staging/script'] }));
    const r = await sb.runUntilSettledAsync();
    expect(r.settled).toBe(true);
    expect(phase(sb, 'gen-1')).toBe('Succeeded');
    expect(sb.podFiles.read('default', 'gen-1', '/argo/staging/script')).toBe(template.script.source);
    expect(results).toHaveLength(1);
    const tr = results[0]!;
    expect(tr.metadata.name).toBe('gen-1-node');
    expect(tr.metadata.namespace).toBe('default');
    expect(tr.metadata.labels).toEqual({ 'workflows.argoproj.io/workflow': 'wf', 'workflows.argoproj.io/report-outputs-completed': 'true' });
    expect(tr.metadata.ownerReferences).toEqual([{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'wf', uid: 'wf-uid' }]);
    expect(tr.outputs).toEqual({
      result: 'the answer',
      parameters: [
        { name: 'answer', valueFrom: { path: '/tmp/answer.txt' }, value: '42' },
        { name: 'missing', valueFrom: { path: '/tmp/nope', default: 'fallback' }, value: 'fallback' },
      ],
      exitCode: '0',
    });
    // wait exits after main, and its log says what it saved.
    const main = terminated(sb, 'gen-1', 'main')!;
    const wait = terminated(sb, 'gen-1', 'wait')!;
    expect(Date.parse(wait.finishedAt)).toBeGreaterThanOrEqual(Date.parse(main.finishedAt));
    expect(logs(sb, 'gen-1', 'wait').some((l) => l.includes('msg="Successfully saved output parameter: answer"'))).toBe(true);
    expect(logs(sb, 'gen-1', 'init').some((l) => l.includes('msg="Loading script source to /argo/staging/script"'))).toBe(true);
  });

  it('the staged script is executable: sh -c /argo/staging/script runs it by path', async () => {
    const sb = world();
    const template = { name: 'by-path', script: { image: 'debian:9.4', command: ['sh', '-c'], source: 'cat /etc/os-release >/dev/null 2>&1; echo ran by path' } };
    sb.store.create(argoPod('path-1', template, { image: 'debian:9.4', command: ['sh', '-c'], args: ['/argo/staging/script'] }));
    await sb.runUntilSettledAsync();
    expect(logs(sb, 'path-1', 'main')).toEqual(['ran by path']);
    expect(terminated(sb, 'path-1', 'main')?.exitCode).toBe(0);
  });

  it('a failing main reports its exit code; a missing output file without default fails wait with the message', async () => {
    const sb = world();
    const results = captureCreated(sb, 'WorkflowTaskResult');
    const template = { name: 'boom', outputs: { parameters: [{ name: 'p', valueFrom: { path: '/tmp/p' } }] } };
    sb.store.create(argoPod('boom-1', template, { image: 'argoproj/argosay:v2', command: ['/argosay'], args: ['exit', '3'] }));
    await sb.runUntilSettledAsync();
    expect(terminated(sb, 'boom-1', 'main')?.exitCode).toBe(3);
    expect(terminated(sb, 'boom-1', 'wait')).toMatchObject({ exitCode: 1, message: 'open /tmp/p: no such file or directory' });
    expect(results[0]!.outputs).toMatchObject({ exitCode: '3' });
    expect(phase(sb, 'boom-1')).toBe('Failed');
  });

  it('saves output artifacts under <workflow>/<pod>/<name>.tgz and a second pod loads them as inputs', async () => {
    const sb = world();
    const results = captureCreated(sb, 'WorkflowTaskResult');
    const producer = {
      name: 'produce',
      outputs: {
        artifacts: [
          { name: 'greeting', path: '/tmp/hello.txt' },
          { name: 'dir', path: '/out', archive: { none: {} } },
          { name: 'absent', path: '/tmp/absent', optional: true },
        ],
      },
    };
    sb.store.create(argoPod('produce-1', producer, { image: 'busybox', command: ['sh', '-c', 'echo hello world > /tmp/hello.txt; mkdir -p /out/sub; echo a > /out/a; echo b > /out/sub/b'] }));
    await sb.runUntilSettledAsync();
    expect(sb.artifacts.list().map((a) => [a.bucket, a.key, a.type, a.archive])).toEqual([
      ['my-bucket', 'wf/produce-1/greeting.tgz', 'file', 'tgz'],
      ['my-bucket', 'wf/produce-1/out', 'dir', 'none'],
    ]);
    const outArts = (results[0]!.outputs as { artifacts: { name: string; s3: { key: string } }[] }).artifacts;
    expect(outArts.map((a) => [a.name, a.s3.key])).toEqual([
      ['greeting', 'wf/produce-1/greeting.tgz'],
      ['dir', 'wf/produce-1/out'],
    ]);
    expect(logs(sb, 'produce-1', 'wait').some((l) => l.includes("Ignoring optional artifact 'absent'"))).toBe(true);

    const consumer = {
      name: 'consume',
      inputs: {
        artifacts: [
          { name: 'msg', path: '/in/message', s3: { key: 'wf/produce-1/greeting.tgz' } },
          { name: 'tree', path: '/in/tree', s3: { key: 'wf/produce-1/out' } },
          { name: 'inline', path: '/in/raw.txt', raw: { data: 'raw data' } },
          { name: 'one', path: '/in/one', s3: { key: 'wf/produce-1/out' }, subPath: 'sub/b' },
        ],
      },
    };
    sb.store.create(argoPod('consume-1', consumer, { image: 'argoproj/argosay:v2', command: ['/argosay'], args: ['cat', '/in/message', '/in/tree/sub/b', '/in/raw.txt', '/in/one'] }));
    await sb.runUntilSettledAsync();
    // `raw data` has no final newline: cat runs it into the next file, like the real one.
    expect(logs(sb, 'consume-1', 'main')).toEqual(['hello world', 'b', 'raw datab']);
    expect((results[1]!.outputs as { result: string }).result).toBe('hello world\nb\nraw datab');
  });

  it('a required input artifact that is not in the repository fails init, so main never starts', async () => {
    const sb = world();
    const template = { name: 'needs', inputs: { artifacts: [{ name: 'x', path: '/tmp/x', s3: { key: 'nowhere/x.tgz' } }] } };
    sb.store.create(argoPod('needs-1', template, { image: 'argoproj/argosay:v2', command: ['/argosay'], args: ['echo'] }));
    await sb.runUntilSettledAsync();
    expect(terminated(sb, 'needs-1', 'init')?.exitCode).toBe(1);
    expect(logs(sb, 'needs-1', 'init').at(-1)).toContain('artifact x failed to load: failed to get file: The specified key does not exist.');
    expect(terminated(sb, 'needs-1', 'main')).toBeUndefined();
    expect(phase(sb, 'needs-1')).toBe('Failed');
  });

  it('caps outputs.result at the last 256 kB with argoexec\'s warning', async () => {
    const sb = world();
    const results = captureCreated(sb, 'WorkflowTaskResult');
    // 300 lines of 1000 characters.
    const script = 's=0123456789; s=$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s$s$s; for i in $(seq 300); do echo $s; done';
    sb.store.create(argoPod('big-1', { name: 'big' }, { image: 'bash', command: ['bash', '-c', script] }));
    await sb.runUntilSettledAsync();
    expect((results[0]!.outputs as { result: string }).result).toHaveLength(256 * 1024);
    expect(logs(sb, 'big-1', 'wait').some((l) => l.includes('Output is larger than the maximum allowed size of 256 kB, only the last 256 kB were saved'))).toBe(true);
  });

  it('wait kills the sidecars once main is done, so the pod can finish', async () => {
    const sb = world();
    const p = argoPod('side-1', { name: 'side' }, { image: 'alpine', command: ['sh', '-c', 'echo working; sleep 3'] });
    (p.spec as { containers: unknown[] }).containers.push({ name: 'nginx', image: 'nginx:1.13', command: ['nginx', '-g', 'daemon off;'] });
    sb.store.create(p);
    await sb.runUntilSettledAsync();
    expect(logs(sb, 'side-1', 'wait').some((l) => l.includes('msg="Killing sidecars [\\"nginx\\"]"'))).toBe(true);
    expect(terminated(sb, 'side-1', 'nginx')?.exitCode).toBe(0);
    expect(phase(sb, 'side-1')).toBe('Succeeded');
  });

  it('without a container named main (a container set), wait waits for all the others', async () => {
    const sb = world();
    const results = captureCreated(sb, 'WorkflowTaskResult');
    const p = argoPod('set-1', { name: 'set' }, { image: 'alpine', command: ['sh', '-c', 'sleep 1'] });
    const containers = (p.spec as { containers: { name: string; command?: string[] }[] }).containers;
    containers[1]!.name = 'a';
    containers.push({ ...containers[1]!, name: 'b', command: ['/var/run/argo/argoexec', 'emissary', '--', 'sh', '-c', 'sleep 5'] });
    sb.store.create(p);
    await sb.runUntilSettledAsync();
    const wait = terminated(sb, 'set-1', 'wait')!;
    expect(Date.parse(wait.finishedAt)).toBeGreaterThanOrEqual(Date.parse(terminated(sb, 'set-1', 'b')!.finishedAt));
    expect(results).toHaveLength(1);
  });

  it('snapshot and restore mid-pod replay the same outcome', async () => {
    const sb = world(5);
    const template = { name: 'gen', outputs: { parameters: [{ name: 'n', valueFrom: { path: '/tmp/n' } }] } };
    sb.store.create(argoPod('snap-1', template, { image: 'alpine', command: ['sh', '-c', 'sleep 5; echo $RANDOM > /tmp/n; cat /tmp/n'] }));
    await sb.advanceAsync(4_000);
    const snap = sb.snapshot();
    await sb.runUntilSettledAsync();
    const other = world(5);
    other.restore(snap);
    await other.runUntilSettledAsync();
    expect(logs(other, 'snap-1', 'main')).toEqual(logs(sb, 'snap-1', 'main'));
    expect(other.podFiles.files('default', 'snap-1')).toEqual(sb.podFiles.files('default', 'snap-1'));
    expect(JSON.stringify(other.log.all())).toBe(JSON.stringify(sb.log.all()));
  });
});
