/** ApplicationSet: list / cluster / git generators produce the expected Applications; updates, deletes, conditions. */
import { describe, expect, it } from 'vitest';
import { createSandbox, installCrd } from '../../../../simulator/index.js';
import type { KubeObject, Sandbox } from '../../../../simulator/index.js';
import { ARGOCD_CRDS, defaultProject } from '../../../../simulator/argocd/index.js';
import { GitHost } from '../../../../simulator/git/index.js';
import { APPSET_NAME_LABEL, installApplicationSet } from '../../../../simulator/argocd/applicationset/index.js';

const author = { name: 'Learner', email: 'l@e.com', timestamp: 1_700_000_000 };
const REPO = 'https://git.example.com/org/cluster-addons.git';
const APPSET_KEY = { group: 'argoproj.io', kind: 'ApplicationSet', namespace: 'argocd', name: 'addons' };

async function world(files: Record<string, string> = {}): Promise<{ sb: Sandbox; git: GitHost }> {
  const sb = createSandbox({ seed: 3, argocd: false });
  for (const crd of ARGOCD_CRDS) installCrd(sb.store, crd);
  sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  sb.store.create(defaultProject());
  const git = new GitHost();
  if (Object.keys(files).length) await git.createRepo(REPO, files, { author });
  installApplicationSet(sb, git);
  return { sb, git };
}

function appset(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'addons', namespace: 'argocd' }, spec } as KubeObject;
}

/** Applications not being deleted (no application controller here runs the resources finalizer). */
function apps(sb: Sandbox): Record<string, unknown>[] {
  return sb.store
    .list({ group: 'argoproj.io', kind: 'Application' }, { namespace: 'argocd' })
    .filter((a) => !a.metadata.deletionTimestamp)
    .map((a) => ({ name: a.metadata.name, spec: a.spec, labels: a.metadata.labels, owner: a.metadata.ownerReferences?.[0]?.name }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

function conditions(sb: Sandbox): Record<string, unknown>[] {
  const st = sb.store.get(APPSET_KEY)?.status as { conditions?: Record<string, unknown>[] } | undefined;
  return (st?.conditions ?? []).map(({ type, status, reason, message }) => ({ type, status, reason, message }));
}

const template = {
  metadata: { name: '{{cluster}}-guestbook' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://github.com/argoproj/argocd-example-apps.git', targetRevision: 'HEAD', path: 'guestbook' },
    destination: { server: '{{url}}', namespace: 'guestbook' },
  },
};

describe('ApplicationSet list generator', () => {
  it('renders one owned Application per element and reports success', async () => {
    const { sb } = await world();
    sb.store.create(appset({
      generators: [{ list: { elements: [{ cluster: 'engineering-dev', url: 'https://1.2.3.4' }, { cluster: 'engineering-prod', url: 'https://2.4.6.8' }] } }],
      template,
    }));
    sb.runUntilSettled();
    expect(apps(sb)).toEqual([
      {
        name: 'engineering-dev-guestbook',
        spec: { ...template.spec, destination: { server: 'https://1.2.3.4', namespace: 'guestbook' } },
        labels: { [APPSET_NAME_LABEL]: 'addons' },
        owner: 'addons',
      },
      {
        name: 'engineering-prod-guestbook',
        spec: { ...template.spec, destination: { server: 'https://2.4.6.8', namespace: 'guestbook' } },
        labels: { [APPSET_NAME_LABEL]: 'addons' },
        owner: 'addons',
      },
    ]);
    expect(conditions(sb)).toEqual([
      { type: 'ErrorOccurred', status: 'False', reason: 'ApplicationSetUpToDate', message: 'All applications have been generated successfully' },
      { type: 'ParametersGenerated', status: 'True', reason: 'ParametersGenerated', message: 'Successfully generated parameters for all Applications' },
      { type: 'ResourcesUpToDate', status: 'True', reason: 'ApplicationSetUpToDate', message: 'All applications have been generated successfully' },
    ]);
    expect(sb.log.all().filter((e) => e.source === 'applicationset-controller').map((e) => e.message)).toEqual([
      'created Application "engineering-dev-guestbook"',
      'created Application "engineering-prod-guestbook"',
    ]);
  });

  it('updates changed Applications, deletes dropped ones, and create-only leaves them alone', async () => {
    const { sb } = await world();
    sb.store.create(appset({ generators: [{ list: { elements: [{ cluster: 'a', url: 'https://a' }, { cluster: 'b', url: 'https://b' }] } }], template }));
    sb.runUntilSettled();
    const cur = sb.store.mustGet(APPSET_KEY);
    sb.store.update({ ...cur, spec: { ...(cur.spec as object), generators: [{ list: { elements: [{ cluster: 'a', url: 'https://a2' }] } }] } } as KubeObject);
    sb.runUntilSettled();
    expect(apps(sb).map((a) => [a.name, (a.spec as { destination: { server: string } }).destination.server])).toEqual([['a-guestbook', 'https://a2']]);
    const reasons = sb.log.all().filter((e) => e.source === 'applicationset-controller').map((e) => `${e.reason} ${e.message}`);
    expect(reasons.slice(2)).toEqual(['updated updated Application "a-guestbook"', 'Deleted Deleted Application "b-guestbook"']);

    const cur2 = sb.store.mustGet(APPSET_KEY);
    sb.store.update({ ...cur2, spec: { ...(cur2.spec as object), syncPolicy: { applicationsSync: 'create-only' }, generators: [{ list: { elements: [{ cluster: 'c', url: 'https://c' }] } }] } } as KubeObject);
    sb.runUntilSettled();
    expect(apps(sb).map((a) => a.name)).toEqual(['a-guestbook', 'c-guestbook']);
  });

  it('reports duplicate names and a missing project as ApplicationValidationError', async () => {
    const { sb } = await world();
    sb.store.create(appset({
      generators: [{ list: { elements: [{ cluster: 'x', url: 'https://1' }, { cluster: 'x', url: 'https://2' }, { cluster: 'y', url: 'https://3', proj: 'nope' }] } }],
      template: { ...template, spec: { ...template.spec, project: '{{proj}}' } },
    }));
    sb.runUntilSettled();
    expect(conditions(sb)[0]).toEqual({
      type: 'ErrorOccurred',
      status: 'True',
      reason: 'ApplicationValidationError',
      message: 'application references project nope which does not exist (and 2 more)',
    });
    expect(apps(sb)).toEqual([]);
  });

  it('goTemplate with missingkey=error fails rendering with RenderTemplateParamsError', async () => {
    const { sb } = await world();
    sb.store.create(appset({ goTemplate: true, goTemplateOptions: ['missingkey=error'], generators: [{ list: { elements: [{ cluster: 'a' }] } }], template: { ...template, metadata: { name: '{{.cluster}}-{{.missing}}' } } }));
    sb.runUntilSettled();
    const [err, params] = conditions(sb);
    expect(err).toMatchObject({ type: 'ErrorOccurred', status: 'True', reason: 'RenderTemplateParamsError' });
    expect(String(err.message)).toContain('failed to execute go template {{.cluster}}-{{.missing}}');
    expect(String(err.message)).toContain('map has no entry for key "missing"');
    expect(params).toMatchObject({ type: 'ParametersGenerated', status: 'False', reason: 'ErrorOccurred' });
  });

  it('goTemplate renders Go templates with Sprig and normalize over nested params', async () => {
    const { sb } = await world();
    sb.store.create(appset({
      goTemplate: true,
      generators: [{ list: { elements: [{ cluster: 'Team_A', env: { tier: 'prod', replicas: 3 } }] } }],
      template: { ...template, metadata: { name: '{{ normalize .cluster }}-{{ .env.tier | trunc 2 }}' }, spec: { ...template.spec, destination: { server: 'https://kubernetes.default.svc', namespace: '{{ printf "%s-%v" .env.tier .env.replicas }}' } } },
    }));
    sb.runUntilSettled();
    expect(apps(sb).map((a) => [a.name, (a.spec as { destination: { namespace: string } }).destination.namespace])).toEqual([['team-a-pr', 'prod-3']]);
  });
});

describe('ApplicationSet git generator', () => {
  const files = {
    'addons/argo-workflows/kustomization.yaml': 'resources: []\n',
    'addons/cert-manager/kustomization.yaml': 'resources: []\n',
    'addons/exclude-me/kustomization.yaml': 'resources: []\n',
    'addons/nested/deeper/file.yaml': 'a: 1\n',
    'addons/.hidden/x.yaml': 'a: 1\n',
    'clusters/dev/config.json': '{"cluster": {"name": "dev", "address": "https://dev.example"}}',
    'clusters/prod/config.json': '{"cluster": {"name": "prod", "address": "https://prod.example"}}',
  };

  it('directories: path params, glob one level deep, exclude', async () => {
    const { sb } = await world(files);
    sb.store.create(appset({
      generators: [{ git: { repoURL: REPO, revision: 'HEAD', directories: [{ path: 'addons/*' }, { path: 'addons/exclude-me', exclude: true }] } }],
      template: {
        metadata: { name: '{{path.basename}}' },
        spec: { project: 'default', source: { repoURL: REPO, targetRevision: 'HEAD', path: '{{path}}' }, destination: { server: 'https://kubernetes.default.svc', namespace: '{{path[1]}}' } },
      },
    }));
    sb.runUntilSettled();
    expect(apps(sb).map((a) => [a.name, (a.spec as { source: { path: string } }).source.path, (a.spec as { destination: { namespace: string } }).destination.namespace])).toEqual([
      ['argo-workflows', 'addons/argo-workflows', 'argo-workflows'],
      ['cert-manager', 'addons/cert-manager', 'cert-manager'],
      ['nested', 'addons/nested', 'nested'],
    ]);
  });

  it('files: flattened JSON keys and path params; new commits are picked up on the 3-minute poll', async () => {
    const { sb, git } = await world(files);
    sb.store.create(appset({
      generators: [{ git: { repoURL: REPO, files: [{ path: 'clusters/**/config.json' }] } }],
      template: {
        metadata: { name: '{{cluster.name}}-{{path.basename}}' },
        spec: { project: 'default', source: { repoURL: REPO, path: 'addons' }, destination: { server: '{{cluster.address}}', namespace: 'x' } },
      },
    }));
    sb.runUntilSettled();
    expect(apps(sb).map((a) => a.name)).toEqual(['dev-dev', 'prod-prod']);
    await git.get(REPO).commit({ 'clusters/qa/config.json': '{"cluster": {"name": "qa", "address": "https://qa"}}' }, 'add qa', author);
    sb.advance(180_000);
    sb.runUntilSettled();
    expect(apps(sb).map((a) => a.name)).toEqual(['dev-dev', 'prod-prod', 'qa-qa']);
  });

  it('the application-set-refresh annotation regenerates at once and is removed', async () => {
    const { sb, git } = await world(files);
    sb.store.create(appset({
      generators: [{ git: { repoURL: REPO, directories: [{ path: 'clusters/*' }] } }],
      template: { ...template, metadata: { name: 'c-{{path.basename}}' } },
    }));
    sb.runUntilSettled();
    expect(apps(sb).map((a) => a.name)).toEqual(['c-dev', 'c-prod']);
    await git.get(REPO).commit({ 'clusters/stage/config.json': '{}' }, 'add stage', author);
    sb.store.patch(APPSET_KEY, 'merge', { metadata: { annotations: { 'argocd.argoproj.io/application-set-refresh': 'true' } } });
    sb.runUntilSettled();
    expect(apps(sb).map((a) => a.name)).toEqual(['c-dev', 'c-prod', 'c-stage']);
    expect(sb.store.mustGet(APPSET_KEY).metadata.annotations?.['argocd.argoproj.io/application-set-refresh']).toBeUndefined();
  });

  it('an unknown repository is a ParametersGenerated error', async () => {
    const { sb } = await world(files);
    sb.store.create(appset({ generators: [{ git: { repoURL: 'https://git.example.com/nope.git', directories: [{ path: '*' }] } }], template }));
    sb.runUntilSettled();
    expect(conditions(sb)[0]).toEqual({
      type: 'ErrorOccurred',
      status: 'True',
      reason: 'ApplicationParamsGenerationError',
      message: 'error getting directories from repo: rpc error: code = Unknown desc = repository not found',
    });
    // Reported once, not again on each pass that meets the same error (the 3-minute poll included).
    sb.advance(180_000);
    sb.runUntilSettled();
    expect(sb.log.all().filter((e) => e.source === 'applicationset-controller' && e.type === 'Warning').map((e) => e.reason)).toEqual(['ApplicationParamsGenerationError']);
  });
});

describe('ApplicationSet clusters and matrix generators', () => {
  it('clusters: in-cluster plus cluster Secrets; a selector drops in-cluster; matrix with a list', async () => {
    const { sb } = await world();
    sb.store.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'prod-cluster', namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'cluster', env: 'prod' } },
      stringData: { name: 'Prod_East', server: 'https://prod.example' },
    });
    sb.store.create(appset({
      generators: [{ matrix: { generators: [{ clusters: {} }, { list: { elements: [{ app: 'web' }, { app: 'api' }] } }] } }],
      template: { metadata: { name: '{{nameNormalized}}-{{app}}' }, spec: { project: 'default', source: { repoURL: REPO, path: '{{app}}' }, destination: { server: '{{server}}', namespace: '{{app}}' } } },
    }));
    sb.runUntilSettled();
    expect(apps(sb).map((a) => a.name)).toEqual(['in-cluster-api', 'in-cluster-web', 'prod-east-api', 'prod-east-web']);

    const cur = sb.store.mustGet(APPSET_KEY);
    sb.store.update({ ...cur, spec: { ...(cur.spec as object), generators: [{ clusters: { selector: { matchLabels: { env: 'prod' } }, values: { tier: '{{nameNormalized}}-tier' } } }], template: { ...template, metadata: { name: '{{nameNormalized}}-{{values.tier}}' } } } } as KubeObject);
    sb.runUntilSettled();
    expect(apps(sb).map((a) => a.name)).toEqual(['prod-east-prod-east-tier']);
  });
});
