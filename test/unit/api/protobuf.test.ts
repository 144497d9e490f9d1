import { describe, expect, it } from 'vitest';
import { decodeKubeProtobuf } from '../../../simulator/api/protobuf/index.js';
import { harness } from './helpers.js';

// Request bodies captured from kubectl v1.32.4 (`kubectl create deployment web --image=nginx:1.27
// --replicas=2 --port=80 -n demo` and `kubectl create secret generic s1 --from-literal=pw=hunter2 -n demo`).
const DEPLOYMENT = 'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EsEBCiMKA3dlYhIAGgRkZW1vIgAqADIAOABCAFoKCgNhcHASA3dlYhKLAQgCEgwKCgoDYXBwEgN3ZWIacQocCgASABoAIgAqADIAOABCAFoKCgNhcHASA3dlYhJREjMKBW5naW54EgpuZ2lueDoxLjI3KgAyCgoAEAAYUCIAKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA=';
const SECRET = 'azhzAAoMCgJ2MRIGU2VjcmV0EikKFgoCczESABoEZGVtbyIAKgAyADgAQgASDQoCcHcSB2h1bnRlcjIaABoAIgA=';

describe('Kubernetes protobuf request bodies', () => {
  it('decodes kubectl create deployment into the JSON object kubectl would have sent', () => {
    const obj = decodeKubeProtobuf(Buffer.from(DEPLOYMENT, 'base64'));
    expect(obj).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  it('decodes map<string, bytes> as base64 (Secret data)', () => {
    const obj = decodeKubeProtobuf(Buffer.from(SECRET, 'base64'));
    expect(obj).toMatchObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1', namespace: 'demo' }, data: { pw: Buffer.from('hunter2').toString('base64') } });
  });

  it('is accepted over HTTP with Content-Type application/vnd.kubernetes.protobuf', async () => {
    const h = await harness();
    try {
      await h.req('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
      const res = await fetch(`${h.url}/apis/apps/v1/namespaces/demo/deployments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf', Accept: 'application/vnd.kubernetes.protobuf,application/json' },
        body: Buffer.from(DEPLOYMENT, 'base64'),
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toMatchObject({ kind: 'Deployment', metadata: { name: 'web', namespace: 'demo' }, spec: { replicas: 2 } });
      const garbage = await h.req('POST', '/api/v1/namespaces/demo/configmaps', 'not protobuf', { 'Content-Type': 'application/vnd.kubernetes.protobuf' });
      expect(garbage.status).toBe(400);
    } finally {
      await h.server.close();
    }
  });
});
