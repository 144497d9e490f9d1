import { describe, expect, it } from 'vitest';
import { generateManifests } from '../../../../simulator/argocd/repoServer/index.js';
import { HELM_CREATE } from './helmCreate.js';
import { repo, URL } from './support.js';

const opts = { appName: 'demo', namespace: 'apps' };
const labels = {
  'helm.sh/chart': 'mychart-0.1.0',
  'app.kubernetes.io/name': 'mychart',
  'app.kubernetes.io/instance': 'demo',
  'app.kubernetes.io/version': '1.16.0',
  'app.kubernetes.io/managed-by': 'Helm',
};
const selector = { 'app.kubernetes.io/name': 'mychart', 'app.kubernetes.io/instance': 'demo' };

describe('the `helm create` chart', () => {
  it('renders what `helm template demo ./mychart` prints, in its order', async () => {
    const host = await repo(HELM_CREATE);
    const { manifests } = generateManifests(host, { repoURL: URL, path: 'mychart' }, opts);
    expect(manifests.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['ServiceAccount/demo-mychart', 'Service/demo-mychart', 'Deployment/demo-mychart', 'Pod/demo-mychart-test-connection']);
    const [sa, svc, dep, test] = manifests;
    expect(sa).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'demo-mychart', labels }, automountServiceAccountToken: true });
    expect(svc!.spec).toEqual({ type: 'ClusterIP', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP', name: 'http' }], selector });
    expect(dep!.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: 'demo-mychart',
          securityContext: {},
          containers: [
            {
              name: 'mychart',
              securityContext: {},
              image: 'nginx:1.16.0',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
              livenessProbe: { httpGet: { path: '/', port: 'http' } },
              readinessProbe: { httpGet: { path: '/', port: 'http' } },
              resources: {},
            },
          ],
        },
      },
    });
    expect(test!.metadata?.annotations).toEqual({ 'helm.sh/hook': 'test' });
    expect((test!.spec as { containers: { args: string[] }[] }).containers[0]!.args).toEqual(['demo-mychart:80']);
  });

  it('switches on ingress and autoscaling through parameters, and fullnameOverride', async () => {
    const host = await repo(HELM_CREATE);
    const helm = {
      parameters: [
        { name: 'ingress.enabled', value: 'true' },
        { name: 'ingress.className', value: 'nginx' },
        { name: 'ingress.hosts[0].host', value: 'demo.example.com' },
        { name: 'ingress.hosts[0].paths[0].path', value: '/app' },
        { name: 'autoscaling.enabled', value: 'true' },
        { name: 'fullnameOverride', value: 'web' },
        { name: 'serviceAccount.create', value: 'false' },
      ],
    };
    const { manifests } = generateManifests(host, { repoURL: URL, path: 'mychart', helm }, opts);
    expect(manifests.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Service/web', 'Deployment/web', 'HorizontalPodAutoscaler/web', 'Ingress/web', 'Pod/web-test-connection']);
    const dep = manifests[1]!;
    expect((dep.spec as Record<string, unknown>).replicas).toBeUndefined();
    expect(((dep.spec as { template: { spec: { serviceAccountName: string } } }).template.spec.serviceAccountName)).toBe('default');
    expect(manifests[2]!.spec).toEqual({
      minReplicas: 1,
      maxReplicas: 100,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
    // `--set ingress.hosts[0].paths[0].path=/app` replaces the whole hosts list (lists are not merged), so pathType is gone.
    expect(manifests[3]!.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: 'demo.example.com', http: { paths: [{ path: '/app', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
    });
  });
});
