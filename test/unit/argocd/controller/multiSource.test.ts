import { describe, expect, it } from 'vitest';
import { argoCD } from '../../../../simulator/argocd/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { REPO, author, configMap, getApp, live, settle, world } from './support.js';

const VALUES = 'https://git.example.com/org/values.git';
const CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'chart/values.yaml': 'color: blue\n',
  'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-color\ndata:\n  color: {{ .Values.color }}\n',
};

describe('application controller: multiple sources', () => {
  it('renders spec.sources together: a ref source lends $ref value files; revisions per source', async () => {
    const sb = await world(CHART);
    await argoCD(sb).git.createRepo(VALUES, { 'prod/values.yaml': 'color: red\n', 'extra/cm.yaml': configMap('extra') }, { author });
    sb.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'multi', namespace: 'argocd' },
      spec: {
        project: 'default',
        sources: [
          { repoURL: REPO, path: 'chart', targetRevision: 'HEAD', helm: { valueFiles: ['$values/prod/values.yaml'] } },
          { repoURL: VALUES, targetRevision: 'HEAD', ref: 'values' },
          { repoURL: VALUES, targetRevision: 'HEAD', path: 'extra' },
        ],
        destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
        syncPolicy: { automated: {} },
      },
    } as unknown as KubeObject);
    settle(sb);
    const app = getApp(sb, 'multi');
    expect(app.status?.conditions ?? []).toEqual([]);
    expect(app.status?.sync?.status).toBe('Synced');
    expect(app.status?.sync?.revisions).toHaveLength(3);
    expect(app.status?.sourceTypes).toEqual(['Helm', 'Directory']);
    expect((live(sb, 'ConfigMap', 'multi-color')?.data as { color: string }).color).toBe('red');
    expect(live(sb, 'ConfigMap', 'extra')).toBeDefined();
    expect(app.status?.history?.[0]?.revisions).toEqual(app.status?.sync?.revisions);
  });
});
