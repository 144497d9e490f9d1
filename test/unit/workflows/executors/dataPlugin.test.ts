import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import { runWorkflow } from '../operator/helpers.js';

describe('data templates', () => {
  it('lists keys from the sandbox artifact repository and transforms them with expr', async () => {
    const sb = createSandbox({ seed: 4 });
    const put = (key: string) => sb.artifacts.put({ bucket: 'my-bucket', key, type: 'file', archive: 'none', files: { [key.split('/').pop()!]: 'x' }, size: 1, savedAt: 0 });
    ['logs/a/main.log', 'logs/b/main.log', 'logs/b/wait.log', 'other/main.log'].forEach(put);
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: data}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: list, template: list}
    - - {name: bad, template: bad, continueOn: {failed: true}}
  - name: list
    data:
      source: {artifactPaths: {name: logs, s3: {bucket: my-bucket, key: logs}}}
      transformation:
      - expression: 'filter(data, {# endsWith "main.log"})'
      - expression: 'map(data, {upper(#)})'
  - name: bad
    data:
      source: {artifactPaths: {name: logs, s3: {key: logs}}}
      transformation: [{expression: 'nope(data)'}]
`, { sandbox: sb });
    const list = byName('data[0].list');
    expect(list.type).toBe('Pod');
    expect(list.outputs?.result).toBe('["LOGS/A/MAIN.LOG","LOGS/B/MAIN.LOG"]');
    expect(byName('data[1].bad').message).toMatch(/^unable to process data transformation: error processing data step 0: /);
    expect(status.phase).toBe('Succeeded');
  });
});

describe('executor plugin templates (stub)', () => {
  it('answers from the plugin ConfigMap, says it was stubbed, and fails when no plugin is installed', async () => {
    const sb = createSandbox({ seed: 4 });
    sb.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'hello-executor-plugin', namespace: 'default', labels: { 'workflows.argoproj.io/configmap-type': 'ExecutorPlugin' } },
      data: { 'sandbox.reply': 'phase: Succeeded\nmessage: hi\noutputs: {parameters: [{name: greeting, value: hello}]}' },
    });
    const { byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: plug}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: hello, template: hello}
      - {name: missing, template: missing, continueOn: {failed: true}}
  - name: hello
    plugin: {hello: {text: hi}}
  - name: missing
    plugin: {nothere: {}}
`, { sandbox: sb });
    const hello = byName('plug[0].hello');
    expect(hello).toMatchObject({ type: 'Plugin', phase: 'Succeeded' });
    expect(hello.message).toBe('hi (sandbox stub: executor plugin hello (default/hello-executor-plugin) was not run)');
    expect(hello.outputs?.parameters?.[0]).toEqual({ name: 'greeting', value: 'hello' });
    expect(byName('plug[0].missing')).toMatchObject({ type: 'Plugin', phase: 'Failed', message: 'no plugin executed the template' });
  });
});
