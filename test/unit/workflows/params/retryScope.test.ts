import { describe, expect, it } from 'vitest';
import { runWorkflow } from '../operator/helpers.js';

describe('a retried child in scope stands for its last attempt (buildLocalScope / possiblyGetRetryChildNode)', () => {
  it('DAG: {{tasks.server.ip}} of a daemon with a retryStrategy is its pod\'s IP; .id is the attempt\'s', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: dr}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: server, template: server}
      - name: client
        template: client
        depends: server
        arguments: {parameters: [{name: ip, value: "{{tasks.server.ip}}"}, {name: id, value: "{{tasks.server.id}}"}]}
  - name: server
    daemon: true
    retryStrategy: {limit: 2}
    container: {image: nginx:1.25}
    readinessProbe: {httpGet: {path: /, port: 80}}
  - name: client
    inputs: {parameters: [{name: ip}, {name: id}]}
    container: {image: alpine:3.20, command: [echo], args: ["{{inputs.parameters.ip}} {{inputs.parameters.id}}"]}
`);
    expect(status.phase).toBe('Succeeded');
    const attempt = byName('dr.server(0)');
    expect(byName('dr.server').type).toBe('Retry');
    expect(attempt.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const inputs = byName('dr.client').inputs?.parameters;
    expect(inputs).toEqual([
      { name: 'ip', value: attempt.podIP },
      { name: 'id', value: attempt.id },
    ]);
  });

  it('steps: {{steps.s.ip}} of a retried daemon step resolves too', async () => {
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: sr}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: server, template: server}
    - - {name: client, template: client, arguments: {parameters: [{name: ip, value: "{{steps.server.ip}}"}]}}
  - name: server
    daemon: true
    retryStrategy: {limit: 1}
    container: {image: nginx:1.25}
  - name: client
    inputs: {parameters: [{name: ip}]}
    container: {image: alpine:3.20, command: [echo], args: ["{{inputs.parameters.ip}}"]}
`);
    expect(status.phase).toBe('Succeeded');
    expect(byName('sr[1].client').inputs?.parameters?.[0]?.value).toBe(byName('sr[0].server(0)').podIP);
  });
});
