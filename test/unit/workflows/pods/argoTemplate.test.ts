import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import { runWorkflow } from '../operator/helpers.js';

// Pods of a stored (frozen) template reuse its executor-template JSON: each still gets its own archive key.
const yaml = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: fan}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: a, template: say}
      - {name: b, template: say}
      - {name: c, template: retried}
  - name: say
    container: {image: argoproj/argosay:v2, args: [echo, hi]}
  - name: retried
    retryStrategy: {limit: 1}
    container: {image: argoproj/argosay:v2, args: [echo, hi]}
`;

describe('ARGO_TEMPLATE of a pod', () => {
  it('is the template without retryStrategy plus the pod’s own archive location', async () => {
    const { sb, status } = await runWorkflow(yaml, { sandbox: createSandbox({ seed: 3 }) });
    expect(status.phase).toBe('Succeeded');
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      const main = (pod.spec as { containers: { name: string; env: { name: string; value: string }[] }[] }).containers.find((c) => c.name === 'main')!;
      const text = main.env.find((e) => e.name === 'ARGO_TEMPLATE')!.value;
      const t = JSON.parse(text) as { name: string; retryStrategy?: unknown; archiveLocation: { s3: { key: string } } };
      const { archiveLocation, ...rest } = t;
      expect(rest).toEqual(t.name === 'say' ? { name: 'say', container: { image: 'argoproj/argosay:v2', args: ['echo', 'hi'] } } : { name: 'retried', container: { image: 'argoproj/argosay:v2', args: ['echo', 'hi'] } });
      expect(archiveLocation).toEqual({ archiveLogs: false, s3: { bucket: 'my-bucket', endpoint: 'minio:9000', insecure: true, accessKeySecret: { name: 'my-minio-cred', key: 'accesskey' }, secretKeySecret: { name: 'my-minio-cred', key: 'secretkey' }, key: `fan/${pod.metadata.name}` } });
      expect(Object.keys(t).pop()).toBe('archiveLocation');
    }
  });
});
