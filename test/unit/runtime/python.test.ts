import { beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_EXIT_CODE, loadPython, pythonLoadMs, runPythonCode } from '../../../simulator/runtime/index.js';
import { argoPod, captureCreated, logs, pod, terminated, world } from './helpers.js';

// One pyodide load for the whole file (the first takes seconds; later runs are fast).
beforeAll(async () => {
  await loadPython(() => performance.now());
  console.info(`pyodide load: ${Math.round(pythonLoadMs() ?? 0)} ms`);
}, 60_000);

describe('python on real CPython (pyodide)', () => {
  it('seeded random is stable per world seed, sleep advances virtual time, files come back to the pod', async () => {
    const run = async (seed: number) => {
      const sb = world(seed);
      const code = 'import random, time\nprint(random.randint(1, 1000))\ntime.sleep(2.5)\nprint(int(time.time()))\nimport os\nos.mkdir("/mnt/out")\nopen("/mnt/out/done.txt", "w").write("done")';
      sb.store.create(pod('py', [{ name: 'main', image: 'python:3.12-alpine', command: ['python', '-c', code] }]));
      await sb.runUntilSettledAsync();
      return sb;
    };
    const a = await run(11);
    const b = await run(11);
    const lines = a.podLogs.read('default', 'py', 'main');
    expect(lines.map((l) => l.text)).toEqual(b.podLogs.read('default', 'py', 'main').map((l) => l.text));
    expect(lines[0]!.text).toMatch(/^\d+$/);
    expect(lines[1]!.t - lines[0]!.t).toBe(2500);
    const main = terminated(a, 'py', 'main')!;
    // time.time() is virtual: the start second plus the sleep.
    expect(Number(lines[1]!.text)).toBe(Math.floor((Date.parse(main.startedAt) + 2500) / 1000));
    expect(a.podFiles.read('default', 'py', '/mnt/out/done.txt')).toBe('done');
    expect(JSON.stringify(a.log.all())).toBe(JSON.stringify(b.log.all()));
  });

  it('a Python script template runs from /argo/staging/script; stdout becomes the result; exceptions exit 1 with a traceback', async () => {
    const sb = world();
    const results = captureCreated(sb, 'WorkflowTaskResult');
    const ok = { name: 'gen', script: { image: 'python:alpine3.6', command: ['python'], source: 'import json\nprint(json.dumps({"n": sum(range(10))}))\n' } };
    const bad = { name: 'bad', script: { image: 'python:3.11', command: ['python'], source: 'def f():\n    raise ValueError("nope")\nf()\n' } };
    sb.store.create(argoPod('py-ok', ok, { image: 'python:alpine3.6', command: ['python', '/argo/staging/script'] }));
    sb.store.create(argoPod('py-bad', bad, { image: 'python:3.11', command: ['python', '/argo/staging/script'] }));
    await sb.runUntilSettledAsync();
    expect(results.find((r) => r.metadata.name === 'py-ok-node')!.outputs).toMatchObject({ result: '{"n": 45}', exitCode: '0' });
    expect(terminated(sb, 'py-bad', 'main')?.exitCode).toBe(1);
    const tb = logs(sb, 'py-bad', 'main');
    expect(tb[0]).toBe('Traceback (most recent call last):');
    expect(tb.filter((l) => l.startsWith('  File'))).toEqual(['  File "/argo/staging/script", line 3, in <module>', '  File "/argo/staging/script", line 2, in f']);
    expect(tb.at(-1)).toBe('ValueError: nope');
  });

  it('a shell script can call python3: it sees the script\'s files, its stdout is captured, its files come back', async () => {
    const sb = world();
    const script = 'echo 21 > /tmp/in; n=$(python3 -c "print(int(open(\'/tmp/in\').read()) * 2)"); echo "doubled: $n"; python3 -c "open(\'/tmp/out\', \'w\').write(\'x\')"; cat /tmp/out';
    sb.store.create(pod('mixed', [{ name: 'main', image: 'python:3.12', command: ['sh', '-c', script] }]));
    await sb.runUntilSettledAsync();
    expect(logs(sb, 'mixed', 'main')).toEqual(['doubled: 42', 'x']);
    expect(sb.podFiles.read('default', 'mixed', '/tmp/out')).toBe('x');
  });

  it('stops an infinite loop with exit 124; sys.exit codes pass through', async () => {
    const loop = await runPythonCode('while True:\n    pass');
    expect(loop.exitCode).toBe(LIMIT_EXIT_CODE);
    expect(loop.output).toMatch(/\[argo-sandbox\] script stopped: it exceeded the step limit \(\d+ Python lines\)/);
    expect((await runPythonCode('import sys\nprint("bye")\nsys.exit(3)')).exitCode).toBe(3);
    expect((await runPythonCode('assert 1 + 1 == 2\nprint("ok")')).stdout).toBe('ok\n');
  });

  it('keeps a last stdout line written without a newline (json.dump to stdout, as map-reduce does)', async () => {
    const r = await runPythonCode('import json, sys\nprint("first")\njson.dump([1, 2], sys.stdout)');
    expect(r.stdout).toBe('first\n[1, 2]\n');
  });
});
