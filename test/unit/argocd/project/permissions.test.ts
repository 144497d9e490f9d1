import { describe, expect, it } from 'vitest';
import {
  isDestinationPermitted,
  isGroupKindNamePermitted,
  isResourcePermitted,
  isSourcePermitted,
  orphanedResources,
  validateApplication,
} from '../../../../simulator/argocd/project/index.js';
import { listClusters } from '../../../../simulator/argocd/settings/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { app, argoWorld, project, typedSecret } from '../settings/world.js';

const inCluster = { name: 'in-cluster', server: 'https://kubernetes.default.svc', namespaces: [], clusterResources: false, config: {} };

describe('sourceRepos', () => {
  it('matches normalised URLs with globs that stop at /, and ! patterns exclude', () => {
    const p = project('p', { sourceRepos: ['https://github.com/org/*', '!https://github.com/org/secret'] });
    expect(isSourcePermitted(p, 'https://GitHub.com/org/app.git')).toBe(true);
    expect(isSourcePermitted(p, 'https://github.com/org/secret.git')).toBe(false);
    expect(isSourcePermitted(project('p', { sourceRepos: ['https://github.com/org/*'] }), 'https://github.com/org/group/app')).toBe(false);
    // Upstream counts a non-matching `!` pattern as a match, so a deny entry alone permits everything else.
    expect(isSourcePermitted(p, 'https://github.com/org/group/app')).toBe(true);
    expect(isSourcePermitted(project('p', { sourceRepos: ['!https://github.com/org/secret'] }), 'https://elsewhere/x')).toBe(true);
    expect(isSourcePermitted(project('p', { sourceRepos: ['*'] }), 'anything')).toBe(true);
    expect(isSourcePermitted(project('p', {}), 'https://github.com/org/app')).toBe(false);
  });
});

describe('destinations', () => {
  it('server or name with namespace globs; ! denies', () => {
    const p = project('p', {
      destinations: [
        { server: 'https://kubernetes.default.svc', namespace: 'team-*' },
        { name: 'prod', namespace: '!kube-*' },
      ],
    });
    expect(isDestinationPermitted(p, inCluster, 'team-a')).toBe(true);
    expect(isDestinationPermitted(p, inCluster, 'default')).toBe(false);
    const prod = { ...inCluster, name: 'prod', server: 'https://prod' };
    expect(isDestinationPermitted(p, prod, 'web')).toBe(true);
    expect(isDestinationPermitted(p, prod, 'kube-system')).toBe(false);
    expect(isDestinationPermitted(p, undefined, 'web')).toBe(false);
  });
});

describe('resource allow and deny lists', () => {
  it('namespaced: all by default; an empty whitelist allows none; blacklist wins', () => {
    expect(isGroupKindNamePermitted(project('p', {}), 'apps', 'Deployment', 'web', true)).toBe(true);
    expect(isGroupKindNamePermitted(project('p', { namespaceResourceWhitelist: [] }), 'apps', 'Deployment', 'web', true)).toBe(false);
    const p = project('p', { namespaceResourceWhitelist: [{ group: '*', kind: '*' }], namespaceResourceBlacklist: [{ group: '', kind: 'Secret' }] });
    expect(isGroupKindNamePermitted(p, '', 'ConfigMap', 'c', true)).toBe(true);
    expect(isGroupKindNamePermitted(p, '', 'Secret', 's', true)).toBe(false);
  });

  it('cluster-scoped: denied unless whitelisted (names may be globbed)', () => {
    expect(isGroupKindNamePermitted(project('p', {}), '', 'Namespace', 'x', false)).toBe(false);
    const p = project('p', { clusterResourceWhitelist: [{ group: '', kind: 'Namespace', name: 'team-*' }] });
    expect(isGroupKindNamePermitted(p, '', 'Namespace', 'team-a', false)).toBe(true);
    expect(isGroupKindNamePermitted(p, '', 'Namespace', 'kube-system', false)).toBe(false);
  });

  it("gives the controller's messages", () => {
    const p = project('team', { destinations: [{ server: '*', namespace: 'team-*' }], namespaceResourceBlacklist: [{ group: 'networking.k8s.io', kind: 'NetworkPolicy' }] });
    expect(isResourcePermitted(p, 'rbac.authorization.k8s.io', 'ClusterRole', '')).toBe('resource rbac.authorization.k8s.io:ClusterRole is not permitted in project team');
    expect(isResourcePermitted(p, 'networking.k8s.io', 'NetworkPolicy', 'team-a')).toBe('resource networking.k8s.io:NetworkPolicy is not permitted in project team');
    expect(isResourcePermitted(p, 'apps', 'Deployment', 'default')).toBe("namespace default is not permitted in project 'team'");
    expect(isResourcePermitted(p, 'apps', 'Deployment', 'team-a')).toBeUndefined();
  });
});

describe('validateApplication', () => {
  const sb = argoWorld();
  sb.store.create(typedSecret('prod', 'cluster', { name: 'prod', server: 'https://prod.example.com' }));
  const clusters = listClusters(sb.store);
  const team = project('team', { sourceRepos: ['https://git.example.com/team/*'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'team-*' }] });

  it('reports a missing project', () => {
    expect(validateApplication(app('a', { project: 'ghost' }), undefined, clusters)).toEqual([
      { type: 'InvalidSpecError', message: 'Application referencing project ghost which does not exist' },
    ]);
  });

  it('reports a repo and a destination the project does not permit', () => {
    const a = app('guestbook', { project: 'team' });
    expect(validateApplication(a, team, clusters).map((c) => c.message)).toEqual([
      "application repo https://git.example.com/org/guestbook.git is not permitted in project 'team'",
      "application destination server 'https://kubernetes.default.svc' and namespace 'guestbook' do not match any of the allowed destinations in project 'team'",
    ]);
    const ok = app('web', { project: 'team', source: { repoURL: 'https://git.example.com/team/web', path: '.' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'team-web' } });
    expect(validateApplication(ok, team, clusters)).toEqual([]);
  });

  it('names the cluster by name when the destination uses a name', () => {
    const a = app('web', { project: 'team', source: { repoURL: 'https://git.example.com/team/web', path: '.' }, destination: { name: 'prod', namespace: 'team-web' } });
    expect(validateApplication(a, team, clusters)[0]?.message).toBe(
      "application destination server 'prod' and namespace 'team-web' do not match any of the allowed destinations in project 'team'",
    );
  });

  it('requires repoURL and path or chart; unknown clusters fail', () => {
    expect(validateApplication(app('a', { source: { repoURL: 'https://x' } }), project('default', { sourceRepos: ['*'] }), clusters)[0]?.message).toBe(
      'spec.source.repoURL and either spec.source.path or spec.source.chart are required',
    );
    const bad = app('a', { destination: { name: 'staging', namespace: 'x' } });
    expect(validateApplication(bad, project('default', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] }), clusters)).toEqual([
      { type: 'InvalidSpecError', message: 'there are no clusters with this name: staging' },
    ]);
  });

  it('checks every source of a multi-source app', () => {
    const a = app('multi', {
      project: 'team',
      source: undefined,
      sources: [
        { repoURL: 'https://git.example.com/team/web', path: '.' },
        { repoURL: 'https://charts.example.com', chart: 'redis', targetRevision: '1.0.0' },
      ],
      destination: { server: 'https://kubernetes.default.svc', namespace: 'team-web' },
    });
    expect(validateApplication(a, team, clusters).map((c) => c.message)).toEqual(["application repo https://charts.example.com is not permitted in project 'team'"]);
  });
});

describe('orphaned resources', () => {
  const obj = (kind: string, name: string, extra: Partial<KubeObject['metadata']> = {}, apiVersion = 'v1'): KubeObject => ({
    apiVersion,
    kind,
    metadata: { name, namespace: 'web', ...extra },
  });
  const live = [
    obj('ConfigMap', 'managed'),
    obj('ConfigMap', 'stray'),
    obj('ConfigMap', 'kube-root-ca.crt'),
    obj('ServiceAccount', 'default'),
    obj('Pod', 'owned', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u' }] }),
    obj('Deployment', 'other-app', {}, 'apps/v1'),
    obj('Secret', 'ignored-token'),
  ];

  it('is off without spec.orphanedResources', () => {
    expect(orphanedResources(project('p', {}), live, ['/ConfigMap/web/managed'])).toBeUndefined();
  });

  it('lists unmanaged top-level objects except exclusions, ignores and other apps; warns when asked', () => {
    const p = project('p', { destinations: [{ server: '*', namespace: '*' }], orphanedResources: { warn: true, ignore: [{ kind: 'Secret', name: 'ignored-*' }] } });
    const r = orphanedResources(p, live, new Set(['/ConfigMap/web/managed']), { ownedByOtherApp: (o) => o.metadata.name === 'other-app' });
    expect(r?.resources.map((x) => `${x.kind}/${x.name}`)).toEqual(['ConfigMap/stray']);
    expect(r?.condition).toEqual({ type: 'OrphanedResourceWarning', message: 'Application has 1 orphaned resources' });
    const quiet = orphanedResources(project('p', { destinations: [{ server: '*', namespace: '*' }], orphanedResources: {} }), live, []);
    expect(quiet?.resources.length).toBe(4);
    expect(quiet?.condition).toBeUndefined();
  });
});
