import { describe, expect, it } from 'vitest';
import { appendToKey } from '../../../../simulator/workflows/executors/artifactKey.js';
import { runWorkflow } from '../operator/helpers.js';

describe('input artifact subPath (AppendToKey)', () => {
  it('joins the subPath onto the key like path.Join', () => {
    expect(appendToKey({ name: 'a', s3: { key: 'wf/pod/tmp/' } }, 'hello.txt').s3).toEqual({ key: 'wf/pod/tmp/hello.txt' });
    expect(appendToKey({ name: 'a', s3: { bucket: 'b', key: 'x' } }, './d/../e').s3).toEqual({ bucket: 'b', key: 'x/e' });
    expect(appendToKey({ name: 'a', http: { url: 'https://h/p/' } }, 'f').http).toEqual({ url: 'https://h/p/f' });
    expect(appendToKey({ name: 'a', raw: { data: 'x' } }, 'f')).toEqual({ name: 'a', raw: { data: 'x' } });
  });

  it('a step consuming one file of a directory artifact gets that file at its input path', async () => {
    const { sb, status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: sub}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: gen, template: gen}
    - - name: use
        template: use
        arguments:
          artifacts:
          - {name: m, from: "{{steps.gen.outputs.artifacts.dir}}", subPath: "{{workflow.name}}.txt"}
  - name: gen
    container: {image: busybox, command: [sh, -c], args: ["mkdir -p /out && echo hello > /out/sub.txt && echo other > /out/o.txt"]}
    outputs: {artifacts: [{name: dir, path: /out, archive: {none: {}}}]}
  - name: use
    inputs: {artifacts: [{name: m, path: /tmp/m}]}
    container: {image: busybox, command: [sh, -c], args: ["cat /tmp/m"]}
`);
    expect(status.phase).toBe('Succeeded');
    const use = byName('sub[1].use');
    expect(String((use.inputs?.artifacts?.[0]?.s3 as { key?: string } | undefined)?.key)).toMatch(/^sub\/sub-gen-\d+\/out\/sub\.txt$/);
    const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).find((p) => p.metadata.name.startsWith('sub-use-'))!;
    expect(sb.podLogs.read('default', pod.metadata.name, 'main').map((l) => l.text)).toEqual(['hello']);
  });
});
