import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../simulator/cluster/types.js';
import { URL, failure, opts, repo } from './support.js';
import { generateManifests, kustomizeBuild, parseImageOverride } from '../../../../simulator/argocd/repoServer/index.js';


const BASE = {
  'base/kustomization.yaml': 'resources:\n- deployment.yaml\n- service.yaml\n- config.yaml\n',
  'base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: settings
      volumes:
      - name: cfg
        configMap:
          name: settings
`,
  'base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n',
  'base/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n',
};


const find = (objs: KubeObject[], kind: string): KubeObject => {
  const o = objs.find((x) => x.kind === kind);
  if (!o) throw new Error(`no ${kind}`);
  return o;
};
const at = (o: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((cur, k) => (cur as Record<string | number, unknown> | undefined)?.[k], o);


describe('repo server: kustomize', () => {
  it('detects a kustomization and builds the base in kustomize legacy order', async () => {
    const host = await repo(BASE);
    const res = generateManifests(host, { repoURL: URL, path: 'base' }, opts);
    expect(res.sourceType).toBe('Kustomize');
    expect(res.manifests.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/settings', 'Service/web', 'Deployment/web']);
  });

  it('overlays a base: prefix, namespace, commonLabels into selectors, annotations, images, and references follow', async () => {
    const host = await repo({
      ...BASE,
      'overlays/dev/kustomization.yaml': `resources:
- ../../base
namePrefix: dev-
namespace: dev
commonLabels:
  env: dev
labels:
- pairs:
    team: blue
commonAnnotations:
  owner: platform
images:
- name: nginx
  newName: registry.local/nginx
  newTag: "1.27"
- name: busybox
  digest: sha256:abc
`,
    });
    const { manifests } = generateManifests(host, { repoURL: URL, path: 'overlays/dev' }, opts);
    const dep = find(manifests, 'Deployment');
    const svc = find(manifests, 'Service');
    expect(dep.metadata).toMatchObject({ name: 'dev-web', namespace: 'dev', labels: { app: 'web', env: 'dev', team: 'blue' }, annotations: { owner: 'platform' } });
    // commonLabels reach selectors and pod templates; `labels` without includeSelectors only metadata.
    expect(at(dep, 'spec', 'selector', 'matchLabels')).toEqual({ app: 'web', env: 'dev' });
    expect(at(dep, 'spec', 'template', 'metadata', 'labels')).toEqual({ app: 'web', env: 'dev' });
    expect(at(dep, 'spec', 'template', 'metadata', 'annotations')).toEqual({ owner: 'platform' });
    expect(at(svc, 'spec', 'selector')).toEqual({ app: 'web', env: 'dev' });
    expect(at(dep, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe('registry.local/nginx:1.27');
    expect(at(dep, 'spec', 'template', 'spec', 'initContainers', 0, 'image')).toBe('busybox@sha256:abc');
    expect(at(dep, 'spec', 'template', 'spec', 'containers', 0, 'envFrom', 0, 'configMapRef', 'name')).toBe('dev-settings');
    expect(at(dep, 'spec', 'template', 'spec', 'volumes', 0, 'configMap', 'name')).toBe('dev-settings');
    expect(find(manifests, 'ConfigMap').metadata.name).toBe('dev-settings');
  });

  it('applies strategic-merge patches (file, inline with target, patchesStrategicMerge) and JSON6902 with a target', async () => {
    const host = await repo({
      ...BASE,
      'prod/kustomization.yaml': `resources:
- ../base
namePrefix: prod-
patches:
- path: replicas.yaml
- target:
    kind: Deployment
    name: web
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/args
      value: ["--prod"]
- target:
    kind: Service
  patch: |-
    apiVersion: v1
    kind: Service
    metadata:
      name: ignored
    spec:
      type: NodePort
patchesStrategicMerge:
- resources.yaml
`,
      'prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
      'prod/resources.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        resources:
          limits:
            memory: 128Mi
`,
    });
    const { manifests } = generateManifests(host, { repoURL: URL, path: 'prod' }, opts);
    const dep = find(manifests, 'Deployment');
    expect(dep.metadata.name).toBe('prod-web');
    expect(at(dep, 'spec', 'replicas')).toBe(3);
    const c = at(dep, 'spec', 'template', 'spec', 'containers', 0) as Record<string, unknown>;
    // The strategic merge kept the container's image (merge by name) and added limits; the JSON patch added args.
    expect(c).toMatchObject({ name: 'web', image: 'nginx:1.25', args: ['--prod'], resources: { limits: { memory: '128Mi' } } });
    const svc = find(manifests, 'Service');
    expect(svc.metadata.name).toBe('prod-web');
    expect(at(svc, 'spec', 'type')).toBe('NodePort');
    expect(at(svc, 'spec', 'ports')).toEqual([{ port: 80 }]);
  });

  it('labels: includeSelectors and includeTemplates, $patch: delete, and create:false selector fields', async () => {
    const host = await repo({
      ...BASE,
      'l/np.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n',
      'l/job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: busybox}]\n',
      'l/kustomization.yaml': `resources:
- ../base
- np.yaml
- job.yaml
labels:
- pairs: {sel: "yes"}
  includeSelectors: true
- pairs: {tmpl: "yes"}
  includeTemplates: true
patches:
- patch: |-
    $patch: delete
    apiVersion: v1
    kind: Service
    metadata:
      name: web
`,
    });
    const { manifests } = generateManifests(host, { repoURL: URL, path: 'l' }, opts);
    expect(manifests.some((o) => o.kind === 'Service')).toBe(false);
    const dep = find(manifests, 'Deployment');
    expect(at(dep, 'spec', 'selector', 'matchLabels')).toEqual({ app: 'web', sel: 'yes' });
    expect(at(dep, 'spec', 'template', 'metadata', 'labels')).toEqual({ app: 'web', sel: 'yes', tmpl: 'yes' });
    expect(at(find(manifests, 'NetworkPolicy'), 'spec', 'podSelector', 'matchLabels')).toEqual({ app: 'web', sel: 'yes' });
    // A Job's selector is not created (create: false), its template labels are.
    const job = find(manifests, 'Job');
    expect(at(job, 'spec', 'selector')).toBeUndefined();
    expect(at(job, 'spec', 'template', 'metadata', 'labels')).toEqual({ sel: 'yes', tmpl: 'yes' });
  });

  it('runs patchesJson6902 after prefix and labels (target by original name) and replicas by name', async () => {
    const host = await repo({
      ...BASE,
      'j/kustomization.yaml': `resources:
- ../base
namePrefix: j-
commonLabels:
  env: j
replicas:
- name: web
  count: 4
patchesJson6902:
- target:
    group: apps
    version: v1
    kind: Deployment
    name: web
  path: ops.yaml
`,
      // The JSON patch sees the label commonLabels already added (kustomize runs it after LabelTransformer).
      'j/ops.yaml': '- op: test\n  path: /metadata/labels/env\n  value: j\n- op: replace\n  path: /metadata/labels/app\n  value: patched\n',
    });
    const dep = find((generateManifests(host, { repoURL: URL, path: 'j' }, opts)).manifests, 'Deployment');
    expect(dep.metadata.name).toBe('j-web');
    expect(dep.metadata.labels).toEqual({ app: 'patched', env: 'j' });
    expect(at(dep, 'spec', 'replicas')).toBe(4);
  });

  it('orders output like kustomize build --reorder legacy: kind order first, webhooks last, others by group_version_kind then name', () => {
    const doc = (apiVersion: string, kind: string, name: string): string => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
    const files = {
      'o/kustomization.yaml': 'namespace: team\nresources:\n- all.yaml\n',
      'o/all.yaml': [
        doc('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'hook'),
        doc('example.com/v1', 'Widget', 'w'),
        doc('apps/v1', 'Deployment', 'b'),
        doc('apps/v1', 'Deployment', 'a'),
        doc('batch/v1', 'Job', 'j'),
        doc('rbac.authorization.k8s.io/v1', 'ClusterRole', 'cr'),
        doc('v1', 'Namespace', 'team'),
      ].join('---\n'),
    };
    const out = kustomizeBuild(files, 'o');
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/team', 'ClusterRole/cr', 'Deployment/a', 'Deployment/b', 'Job/j', 'Widget/w', 'ValidatingWebhookConfiguration/hook',
    ]);
    // Cluster-scoped kinds keep no namespace.
    expect(out.filter((o) => o.metadata.namespace === 'team').map((o) => o.kind)).toEqual(['Deployment', 'Deployment', 'Job', 'Widget']);
  });

  it('an overlay patch names the base object by its original name and does not rename it', async () => {
    const host = await repo({
      ...BASE,
      'base/kustomization.yaml': 'resources:\n- deployment.yaml\nnamePrefix: base-\n',
      'ov/kustomization.yaml': 'resources:\n- ../base\nnamePrefix: ov-\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n    spec:\n      replicas: 2\n- target:\n    kind: Deployment\n    name: web\n  patch: |-\n    - op: add\n      path: /spec/paused\n      value: true\n',
    });
    const dep = find((generateManifests(host, { repoURL: URL, path: 'ov' }, opts)).manifests, 'Deployment');
    expect(dep.metadata.name).toBe('ov-base-web');
    expect(at(dep, 'spec', 'replicas')).toBe(2);
    expect(at(dep, 'spec', 'paused')).toBe(true);
  });

  it('picks the source type explicitly when the Application sets one, and rejects two', async () => {
    const host = await repo({ ...BASE, 'plain/cm.yaml': BASE['base/config.yaml'] });
    const asDir = generateManifests(host, { repoURL: URL, path: 'base', directory: { include: '*.yaml' } }, opts);
    expect(asDir.sourceType).toBe('Directory');
    // kustomization.yaml is itself rendered then (it has apiVersion-less YAML: ignored as a non-manifest).
    expect(asDir.manifests.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Service']);
    const e = failure(() => generateManifests(host, { repoURL: URL, path: 'plain', kustomize: { namePrefix: 'x-' } }, opts));
    expect(e.desc).toContain("unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'plain'");
    const both = failure(() => generateManifests(host, { repoURL: URL, path: 'base', kustomize: { namePrefix: 'x-' }, directory: { recurse: true } }, opts));
    expect(both.desc).toBe('multiple application sources defined: Kustomize,Directory');
  });

  it('merges .argocd-source.yaml and .argocd-source-<app>.yaml over the source (Image Updater write-back)', async () => {
    const host = await repo({
      ...BASE,
      'base/.argocd-source.yaml': 'kustomize:\n  images:\n  - nginx:1.26\n  namePrefix: all-\n',
      'base/.argocd-source-guestbook.yaml': 'kustomize:\n  images:\n  - nginx:1.27\n',
    });
    const dep = find((generateManifests(host, { repoURL: URL, path: 'base' }, opts)).manifests, 'Deployment');
    expect(dep.metadata.name).toBe('all-web');
    expect(at(dep, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe('nginx:1.27');
    const other = find((generateManifests(host, { repoURL: URL, path: 'base' }, { appName: 'other' })).manifests, 'Deployment');
    expect(at(other, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe('nginx:1.26');
  });

  it('fails a patch whose target does not exist, worded like kustomize inside Argo CD', async () => {
    const host = await repo({
      ...BASE,
      'bad/kustomization.yaml': 'resources:\n- ../base\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: api\n    spec:\n      replicas: 2\n',
    });
    const e = failure(() => generateManifests(host, { repoURL: URL, path: 'bad' }, opts));
    expect(e.message).toBe(
      'rpc error: code = Unknown desc = `kustomize build bad` failed exit status 1: Error: no matches for Id Deployment.v1.apps/api.[noNs]; failed to find unique target for patch Deployment.v1.apps/api.[noNs]',
    );
    expect(e.location.file).toBe('bad/kustomization.yaml');
  });

  it('detects a resources cycle between kustomizations', async () => {
    const host = await repo({
      'a/kustomization.yaml': 'resources:\n- ../b\n',
      'b/kustomization.yaml': 'resources:\n- ../a\n',
    });
    const e = failure(() => generateManifests(host, { repoURL: URL, path: 'a' }, opts));
    expect(e.desc).toContain('`kustomize build a` failed exit status 1: Error: accumulating resources');
    // As fileLoader.errIfArgEqualOrHigher reports it: the loader whose root the candidate equals or contains.
    expect(e.desc).toContain("accumulating resources from '../a': cycle detected: candidate root 'a' contains visited root 'a'");
    // An overlay nested inside its base's directory is refused the same way (the base root contains it).
    const nested = await repo({ ...BASE, 'base/overlays/dev/kustomization.yaml': 'resources:\n- ../..\n' });
    expect((failure(() => generateManifests(nested, { repoURL: URL, path: 'base/overlays/dev' }, opts))).desc).toContain(
      "cycle detected: candidate root 'base' contains visited root 'base/overlays/dev'",
    );
  });

  it('reports a missing resource and a kustomization that is not a map', async () => {
    const host = await repo({ 'x/kustomization.yaml': 'resources:\n- missing.yaml\n', 'y/kustomization.yaml': '- a\n- b\n' });
    expect((failure(() => generateManifests(host, { repoURL: URL, path: 'x' }, opts))).desc).toContain("accumulating resources from 'missing.yaml': 'x/missing.yaml' doesn't exist");
    expect((failure(() => generateManifests(host, { repoURL: URL, path: 'y' }, opts))).desc).toContain('invalid Kustomization');
    const typo = await repo({ 't/kustomization.yaml': 'resourcez:\n- a.yaml\n', 'h/kustomization.yaml': 'helmCharts:\n- name: x\n' });
    expect((failure(() => generateManifests(typo, { repoURL: URL, path: 't' }, opts))).desc).toContain('invalid Kustomization: json: unknown field "resourcez"');
    expect((failure(() => generateManifests(typo, { repoURL: URL, path: 'h' }, opts))).desc).toContain("'helmCharts' is not supported");
    const twice = await repo({ ...BASE, 'd/kustomization.yaml': 'resources:\n- ../base\n- svc.yaml\n', 'd/svc.yaml': BASE['base/service.yaml'] });
    expect((failure(() => generateManifests(twice, { repoURL: URL, path: 'd' }, opts))).desc).toContain('may not add resource with an already registered id: Service.v1/web.[noNs]');
    // kustomize's default load restrictor: files (not bases) must be in or below the kustomization directory.
    const outside = await repo({ ...BASE, 'z/kustomization.yaml': 'resources:\n- ../base/service.yaml\n' });
    expect((failure(() => generateManifests(outside, { repoURL: URL, path: 'z' }, opts))).desc).toContain("security; file 'base/service.yaml' is not in or below 'z'");
  });

  it('applies the Application kustomize overrides on top of the kustomization', async () => {
    const host = await repo({ ...BASE, 'base/kustomization.yaml': 'resources:\n- deployment.yaml\n- config.yaml\nnamePrefix: base-\ncommonLabels:\n  tier: web\n' });
    const { manifests } = generateManifests(
      host,
      {
        repoURL: URL,
        path: 'base',
        kustomize: { namePrefix: 'app-', nameSuffix: '-v2', namespace: 'apps', images: ['nginx=mirror/nginx:1.26'], commonLabels: { env: 'qa' }, commonAnnotations: { why: 'override' } },
      },
      opts,
    );
    const dep = find(manifests, 'Deployment');
    expect(dep.metadata).toMatchObject({ name: 'app-web-v2', namespace: 'apps', labels: { app: 'web', tier: 'web', env: 'qa' }, annotations: { why: 'override' } });
    expect(at(dep, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe('mirror/nginx:1.26');
    expect(at(dep, 'spec', 'template', 'spec', 'volumes', 0, 'configMap', 'name')).toBe('app-settings-v2');
    expect(parseImageOverride('nginx:1.2')).toEqual({ name: 'nginx', newTag: '1.2' });
    expect(parseImageOverride('nginx=nginx@sha256:00')).toEqual({ name: 'nginx', digest: 'sha256:00' });
  });
});
