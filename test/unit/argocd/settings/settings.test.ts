import { describe, expect, it } from 'vitest';
import {
  isExcludedResource,
  listClusters,
  listRepositories,
  normalizeGitURL,
  readArgoCDSettings,
  repositoryCredentials,
  resolveDestination,
} from '../../../../simulator/argocd/settings/index.js';
import { app, argoWorld, typedSecret } from './world.js';

describe('argocd-cm', () => {
  it('takes Argo CD 3.x defaults when keys are absent', () => {
    const s = readArgoCDSettings(argoWorld().store);
    expect(s.reconciliationTimeoutMs).toBe(120_000);
    expect(s.reconciliationJitterMs).toBe(60_000);
    expect(s.instanceLabelKey).toBe('app.kubernetes.io/instance');
    expect(s.trackingMethod).toBe('annotation');
    expect(s.anonymousEnabled).toBe(false);
    expect(s.inClusterEnabled).toBe(true);
    expect(s.accounts).toEqual([{ name: 'admin', enabled: true, capabilities: ['login'] }]);
  });

  it('reads timeouts, accounts, tracking, anonymous access and health rules', () => {
    const s = readArgoCDSettings(
      argoWorld({
        cm: {
          'timeout.reconciliation': '180s',
          'accounts.alice': 'apiKey, login',
          'accounts.bob': 'login',
          'accounts.bob.enabled': 'false',
          'admin.enabled': 'false',
          'users.anonymous.enabled': 'true',
          'application.instanceLabelKey': 'argocd.argoproj.io/instance',
          'application.resourceTrackingMethod': 'label',
          'resource.customizations.ignoreDifferences.apps_Deployment': 'jsonPointers:\n- /spec/replicas\n',
          'resource.customizations.ignoreDifferences.all': 'managedFieldsManagers:\n- kube-controller-manager\n',
          'resource.customizations.health.cert-manager.io_Certificate':
            '- condition: {type: Ready, status: "True"}\n  health: Healthy\n- condition: {type: Ready, status: "False"}\n  health: Degraded\n',
        },
      }).store,
    );
    expect(s.reconciliationTimeoutMs).toBe(180_000);
    expect(s.accounts).toEqual([
      { name: 'admin', enabled: false, capabilities: ['login'] },
      { name: 'alice', enabled: true, capabilities: ['apiKey', 'login'] },
      { name: 'bob', enabled: false, capabilities: ['login'] },
    ]);
    expect(s.anonymousEnabled).toBe(true);
    expect(s.instanceLabelKey).toBe('argocd.argoproj.io/instance');
    expect(s.trackingMethod).toBe('label');
    expect(s.ignoreDifferences).toEqual([
      { group: '*', kind: '*', managedFieldsManagers: ['kube-controller-manager'] },
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
    ]);
    expect(s.healthRules).toHaveLength(1);
    expect(s.healthRules[0]).toMatchObject({ group: 'cert-manager.io', kind: 'Certificate' });
    expect(s.errors).toEqual([]);
  });

  it('reports values Argo would log and ignore', () => {
    const s = readArgoCDSettings(argoWorld({ cm: { 'timeout.reconciliation': 'soon', 'resource.customizations.health._Pod': '{checks: 3}' } }).store);
    expect(s.reconciliationTimeoutMs).toBe(120_000);
    expect(s.errors).toHaveLength(2);
    expect(s.errors[1]).toMatch(/^resource.customizations.health._Pod: health rules\[0\].checks: must be a list/);
    expect(s.errors[0]).toMatch(/^timeout.reconciliation: /);
  });

  it('excludes core kinds always, then resource.exclusions, and everything outside non-empty inclusions', () => {
    const s = readArgoCDSettings(
      argoWorld({ cm: { 'resource.exclusions': '- apiGroups: ["cilium.io"]\n  kinds: ["*"]\n  clusters: ["*"]\n' } }).store,
    );
    expect(isExcludedResource(s, '', 'Event', 'https://kubernetes.default.svc')).toBe(true);
    expect(isExcludedResource(s, 'coordination.k8s.io', 'Lease', 'x')).toBe(true);
    expect(isExcludedResource(s, 'cilium.io', 'CiliumIdentity', 'x')).toBe(true);
    expect(isExcludedResource(s, 'apps', 'Deployment', 'x')).toBe(false);
    const inc = readArgoCDSettings(argoWorld({ cm: { 'resource.inclusions': '- apiGroups: ["apps"]\n  kinds: ["Deployment"]\n' } }).store);
    expect(isExcludedResource(inc, 'apps', 'Deployment', 'x')).toBe(false);
    expect(isExcludedResource(inc, '', 'ConfigMap', 'x')).toBe(true);
  });
});

describe('repository credentials', () => {
  it('normalises URLs like util/git', () => {
    expect(normalizeGitURL(' HTTPS://GitHub.com/Org/Repo.git ')).toBe('https://github.com/org/repo');
    expect(normalizeGitURL('git@github.com:org/repo.git')).toBe('git@github.com/org/repo');
  });

  it('uses the repository Secret with the same URL, project-scoped first', () => {
    const sb = argoWorld();
    sb.store.create(typedSecret('repo-any', 'repository', { url: 'https://git.example.com/org/app.git', username: 'any', password: 'p1' }));
    sb.store.create(typedSecret('repo-team', 'repository', { url: 'https://git.example.com/org/app', username: 'team', password: 'p2', project: 'team' }));
    expect(repositoryCredentials(sb.store, 'https://git.example.com/org/app')).toEqual({ username: 'any', password: 'p1' });
    expect(repositoryCredentials(sb.store, 'https://GIT.example.com/org/app.git', 'team')).toEqual({ username: 'team', password: 'p2' });
    expect(repositoryCredentials(sb.store, 'https://git.example.com/org/app', 'other')).toEqual({ username: 'any', password: 'p1' });
    expect(repositoryCredentials(sb.store, 'https://git.example.com/org/other')).toBeUndefined();
  });

  it('falls back to the repo-creds template with the longest URL prefix', () => {
    const sb = argoWorld();
    sb.store.create(typedSecret('creds-host', 'repo-creds', { url: 'https://git.example.com', username: 'host', password: 'h' }));
    sb.store.create(typedSecret('creds-org', 'repo-creds', { url: 'https://git.example.com/org', username: 'org', password: 'o' }));
    sb.store.create(typedSecret('repo-nocreds', 'repository', { url: 'https://git.example.com/org/app' }));
    expect(repositoryCredentials(sb.store, 'https://git.example.com/org/app')).toEqual({ username: 'org', password: 'o' });
    expect(repositoryCredentials(sb.store, 'https://git.example.com/other/app')).toEqual({ username: 'host', password: 'h' });
    expect(repositoryCredentials(sb.store, 'https://elsewhere.example.com/org/app')).toBeUndefined();
    expect(listRepositories(sb.store)).toEqual([
      { repo: 'https://git.example.com/org/app', type: 'git', inheritedCreds: true, username: 'org', secretName: 'repo-nocreds' },
    ]);
  });

  it('ignores Secrets without the secret-type label', () => {
    const sb = argoWorld();
    const s = typedSecret('plain', 'repository', { url: 'https://git.example.com/org/app', username: 'u', password: 'p' });
    s.metadata.labels = {};
    sb.store.create(s);
    expect(repositoryCredentials(sb.store, 'https://git.example.com/org/app')).toBeUndefined();
  });
});

describe('clusters and destinations', () => {
  it('lists in-cluster first, then cluster Secrets', () => {
    const sb = argoWorld();
    sb.store.create(typedSecret('prod', 'cluster', { name: 'prod', server: 'https://prod.example.com/', namespaces: 'web, api', config: '{"bearerToken":"t"}' }));
    const clusters = listClusters(sb.store);
    expect(clusters.map((c) => [c.name, c.server])).toEqual([
      ['in-cluster', 'https://kubernetes.default.svc'],
      ['prod', 'https://prod.example.com'],
    ]);
    expect(clusters[1]).toMatchObject({ namespaces: ['web', 'api'], config: { bearerToken: 't' }, secretName: 'prod' });
  });

  it('resolves by server or name with Argo’s errors', () => {
    const sb = argoWorld();
    sb.store.create(typedSecret('prod', 'cluster', { name: 'prod', server: 'https://prod.example.com' }));
    const clusters = listClusters(sb.store);
    expect(resolveDestination(app('a', { destination: { name: 'prod', namespace: 'x' } }), clusters)).toMatchObject({ cluster: { server: 'https://prod.example.com' }, namespace: 'x' });
    expect(resolveDestination(app('a', { destination: { server: 'https://kubernetes.default.svc/', namespace: 'x' } }), clusters).cluster?.name).toBe('in-cluster');
    expect(resolveDestination(app('a', { destination: { name: 'nope', namespace: 'x' } }), clusters).error).toBe('there are no clusters with this name: nope');
    expect(resolveDestination(app('a', { destination: { server: 'https://nope', namespace: 'x' } }), clusters).error).toBe(
      'error getting cluster by server "https://nope": rpc error: code = NotFound desc = cluster "https://nope" not found',
    );
    expect(resolveDestination(app('a', { destination: { name: 'prod', server: 'https://prod.example.com' } }), clusters).error).toBe(
      "application destination can't have both name and server defined: prod https://prod.example.com",
    );
    expect(resolveDestination(app('a', { destination: {} }), clusters).error).toBe('Destination server missing from app spec');
  });

  it('disables the in-cluster destination with cluster.inClusterEnabled: "false"', () => {
    const sb = argoWorld({ cm: { 'cluster.inClusterEnabled': 'false' } });
    const r = resolveDestination(app('a', {}), listClusters(sb.store));
    expect(r.error).toBe('error getting cluster by server "https://kubernetes.default.svc": rpc error: code = NotFound desc = cluster "https://kubernetes.default.svc" is disabled');
  });
});
