/** ApplicationSet details: post selector, merge generator, preserved annotations, Kubernetes name errors. */
import { describe, expect, it } from 'vitest';
import { createSandbox, installCrd } from '../../../../simulator/index.js';
import type { KubeObject, Sandbox } from '../../../../simulator/index.js';
import { ARGOCD_CRDS, defaultProject } from '../../../../simulator/argocd/index.js';
import { GitHost } from '../../../../simulator/git/index.js';
import { installApplicationSet, sanitizeName } from '../../../../simulator/argocd/applicationset/index.js';

function world(): Sandbox {
  const sb = createSandbox({ seed: 4, argocd: false });
  for (const crd of ARGOCD_CRDS) installCrd(sb.store, crd);
  sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  sb.store.create(defaultProject());
  installApplicationSet(sb, new GitHost());
  return sb;
}

const template = {
  metadata: { name: '{{name}}' },
  spec: { project: 'default', source: { repoURL: 'https://git.example.com/a.git', path: '{{name}}' }, destination: { server: 'https://kubernetes.default.svc', namespace: '{{ns}}' } },
};

function create(sb: Sandbox, spec: Record<string, unknown>): void {
  sb.store.create({ apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'set', namespace: 'argocd' }, spec } as KubeObject);
  sb.runUntilSettled();
}

function appNames(sb: Sandbox): string[] {
  return sb.store.list({ group: 'argoproj.io', kind: 'Application' }, { namespace: 'argocd' }).map((a) => a.metadata.name ?? '').sort();
}

function errorCondition(sb: Sandbox): Record<string, unknown> | undefined {
  const st = sb.store.get({ group: 'argoproj.io', kind: 'ApplicationSet', namespace: 'argocd', name: 'set' })?.status as { conditions?: Record<string, unknown>[] };
  return st.conditions?.find((c) => c.type === 'ErrorOccurred');
}

describe('ApplicationSet details', () => {
  it('a generator selector keeps only matching parameter sets', () => {
    const sb = world();
    create(sb, {
      generators: [{ list: { elements: [{ name: 'a', ns: 'x', env: 'prod' }, { name: 'b', ns: 'y', env: 'dev' }] }, selector: { matchLabels: { env: 'prod' } } }],
      template,
    });
    expect(appNames(sb)).toEqual(['a']);
  });

  it('merge overrides the base sets by mergeKeys and rejects missing keys', () => {
    const sb = world();
    create(sb, {
      generators: [
        {
          merge: {
            mergeKeys: ['name'],
            generators: [{ list: { elements: [{ name: 'a', ns: 'default' }, { name: 'b', ns: 'default' }] } }, { list: { elements: [{ name: 'b', ns: 'special' }] } }],
          },
        },
      ],
      template,
    });
    const ns = sb.store.list({ group: 'argoproj.io', kind: 'Application' }, { namespace: 'argocd' }).map((a) => `${a.metadata.name}:${(a.spec as { destination: { namespace: string } }).destination.namespace}`).sort();
    expect(ns).toEqual(['a:default', 'b:special']);

    const sb2 = world();
    create(sb2, { generators: [{ merge: { generators: [{ list: { elements: [] } }, { list: { elements: [] } }] } }], template });
    expect(errorCondition(sb2)).toMatchObject({ status: 'True', reason: 'ApplicationParamsGenerationError', message: 'no merge keys were specified, Merge requires at least one' });
  });

  it('keeps the notified annotation other controllers wrote when it updates an Application', () => {
    const sb = world();
    create(sb, { generators: [{ list: { elements: [{ name: 'a', ns: 'x' }] } }], template });
    const app = sb.store.mustGet({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'a' });
    sb.store.update({ ...app, metadata: { ...app.metadata, annotations: { 'notified.notifications.argoproj.io': '{"k":1}', 'someone/else': 'x' } } });
    sb.runUntilSettled();
    const after = sb.store.mustGet({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'a' });
    expect(after.metadata.annotations).toEqual({ 'notified.notifications.argoproj.io': '{"k":1}' });
  });

  it('an Application name Kubernetes rejects is a CreateApplicationError', () => {
    const sb = world();
    create(sb, { generators: [{ list: { elements: [{ name: 'Bad_Name', ns: 'x' }] } }], template });
    const cond = errorCondition(sb);
    expect(cond).toMatchObject({ status: 'True', reason: 'CreateApplicationError' });
    expect(String(cond?.message)).toContain('Bad_Name');
    expect(appNames(sb)).toEqual([]);
  });

  it('generated Applications carry the resources finalizer unless preserveResourcesOnDeletion', () => {
    const sb = world();
    create(sb, { generators: [{ list: { elements: [{ name: 'a', ns: 'x' }] } }], template });
    expect(sb.store.mustGet({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'a' }).metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    const sb2 = world();
    create(sb2, { syncPolicy: { preserveResourcesOnDeletion: true }, generators: [{ list: { elements: [{ name: 'a', ns: 'x' }] } }], template });
    expect(sb2.store.mustGet({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'a' }).metadata.finalizers).toBeUndefined();
  });

  it('templatePatch (goTemplate) merges a rendered patch over each Application', () => {
    const sb = world();
    create(sb, {
      goTemplate: true,
      generators: [{ list: { elements: [{ name: 'a', ns: 'x', autoSync: true }, { name: 'b', ns: 'y', autoSync: false }] } }],
      template: {
        metadata: { name: '{{.name}}' },
        spec: { project: 'default', source: { repoURL: 'https://git.example.com/a.git', path: '{{.name}}' }, destination: { server: 'https://kubernetes.default.svc', namespace: '{{.ns}}' } },
      },
      templatePatch: '{{- if .autoSync }}\nspec:\n  syncPolicy:\n    automated:\n      prune: true\n{{- end }}\n',
    });
    const policy = (n: string): unknown => (sb.store.mustGet({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: n }).spec as { syncPolicy?: unknown }).syncPolicy;
    expect(policy('a')).toEqual({ automated: { prune: true } });
    expect(policy('b')).toBeUndefined();
  });

  it('sanitizeName makes DNS-safe names', () => {
    expect(sanitizeName('Prod_East.Cluster!')).toBe('prod-east.cluster');
    expect(sanitizeName('--a--')).toBe('a');
  });
});
