import { describe, expect, it } from 'vitest';
import { generateManifests, generateManifestsForSources, RepoServerError } from '../../../../simulator/argocd/repoServer/index.js';
import { CHART } from './helmChart.js';
import { author, failure, repo, URL } from './support.js';

const opts = { appName: 'guestbook', namespace: 'prod' };
const CMD = '`helm template . --name-template guestbook --namespace prod --kube-version 1.32';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deep reads of rendered objects in assertions
const byKind = (objs: { kind?: unknown }[], kind: string) => objs.find((o) => o.kind === kind) as Record<string, any>;

describe('repo server: Helm charts', () => {
  it('renders a chart like `helm template`: install order, include/nindent/toYaml/default, NOTES.txt left out', async () => {
    const host = await repo(CHART);
    const res = generateManifests(host, { repoURL: URL, path: 'chart' }, opts);
    expect(res.sourceType).toBe('Helm');
    expect(res.manifests.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Service/guestbook-web', 'Deployment/guestbook-web']);
    expect(byKind(res.manifests, 'Service').metadata.namespace).toBe('prod');
    expect(byKind(res.manifests, 'Deployment')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'guestbook-web',
        labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'guestbook', 'app.kubernetes.io/managed-by': 'Helm' },
      },
      spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.16.0', resources: { limits: { cpu: '100m' } } }] } } },
    });
  });

  it('value precedence: values.yaml < valueFiles < values < parameters (--set typed, forceString, indexed paths)', async () => {
    const host = await repo(CHART);
    const helm = {
      releaseName: 'web',
      valueFiles: ['values-prod.yaml'],
      values: 'replicaCount: 4\nresources: null\n',
      parameters: [
        { name: 'image.tag', value: '3.0' },
        { name: 'podLabels.canary', value: 'true' },
        { name: 'podLabels.tier', value: 'true', forceString: true },
        { name: 'podLabels.zone\\.name', value: 'a\\,b' },
      ],
    };
    const dep = byKind(generateManifests(host, { repoURL: URL, path: 'chart', helm }, opts).manifests, 'Deployment');
    expect(dep.metadata.name).toBe('web');
    expect(dep.spec.replicas).toBe(4);
    expect(dep.spec.template.spec.containers[0].image).toBe('nginx:3.0');
    // `resources: null` deletes the chart default, so the with-block renders nothing.
    expect(dep.spec.template.spec.containers[0].resources).toBeUndefined();
    expect(dep.metadata.labels).toMatchObject({ canary: true, tier: 'true', 'zone.name': 'a,b' });
    const obj = byKind(generateManifests(host, { repoURL: URL, path: 'chart', helm: { values: 'replicaCount: 4', valuesObject: { replicaCount: 5 } } }, opts).manifests, 'Deployment');
    expect(obj.spec.replicas).toBe(5);
  });

  it('serves .Capabilities, .Chart, .Files, tpl, lookup and method-like fields', async () => {
    const host = await repo({
      'c/Chart.yaml': 'apiVersion: v2\nname: caps\nversion: 1.2.3\n',
      'c/values.yaml': 'greeting: "hi {{ .Release.Name }}"\nlist: [a, b]\n',
      'c/files/app.conf': 'port=8080\n',
      'c/files/nested/skip.conf': 'not matched by files/*\n',
      'c/templates/cm.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: {{ .Release.Name }}-{{ .Chart.Version }}',
        'data:',
        '  kube: {{ .Capabilities.KubeVersion.Version | quote }}',
        '  kubeString: "{{ .Capabilities.KubeVersion }}"',
        '  minor: {{ .Capabilities.KubeVersion.Minor | quote }}',
        '  new: {{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion | quote }}',
        '  pdb: {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" | quote }}',
        '  greeting: {{ tpl .Values.greeting . | quote }}',
        '  conf: {{ .Files.Get "files/app.conf" | trim | quote }}',
        '  lookup: {{ lookup "v1" "Secret" "ns" "x" | len | quote }}',
        '  items: {{ join "," .Values.list | quote }}',
        '  template: {{ .Template.Name | quote }}',
        '{{ (.Files.Glob "files/*").AsConfig | indent 2 }}',
      ].join('\n'),
    });
    const cm = byKind(generateManifests(host, { repoURL: URL, path: 'c' }, opts).manifests, 'ConfigMap');
    expect(cm.metadata.name).toBe('guestbook-1.2.3');
    expect(cm.data).toEqual({
      kube: 'v1.32.0',
      kubeString: 'v1.32.0',
      minor: '32',
      new: 'true',
      pdb: 'true',
      greeting: 'hi guestbook',
      conf: 'port=8080',
      lookup: '0',
      items: 'a,b',
      template: 'caps/templates/cm.yaml',
      'app.conf': 'port=8080\n',
    });
  });

  it('includes crds/ first unless skipCrds, renders subcharts with their own values and globals', async () => {
    const host = await repo({
      'p/Chart.yaml': 'apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n  - name: db\n    version: 1.0.0\n    condition: db.enabled\n',
      'p/values.yaml': 'global:\n  env: prod\ndb:\n  size: 5Gi\n',
      'p/crds/widget.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n',
      'p/templates/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Chart.Name }}\n',
      'p/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
      'p/charts/db/values.yaml': 'size: 1Gi\nenabled: true\n',
      'p/charts/db/templates/pvc.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {{ .Chart.Name }}-{{ .Values.global.env }}\n  labels:\n    size: {{ .Values.size }}\n',
    });
    const all = generateManifests(host, { repoURL: URL, path: 'p' }, opts).manifests;
    expect(all.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['CustomResourceDefinition/widgets.example.com', 'PersistentVolumeClaim/db-prod', 'Service/parent']);
    expect(byKind(all, 'PersistentVolumeClaim').metadata.labels).toEqual({ size: '5Gi' });
    const skipped = generateManifests(host, { repoURL: URL, path: 'p', helm: { skipCrds: true, parameters: [{ name: 'db.enabled', value: 'false' }] } }, opts).manifests;
    expect(skipped.map((o) => o.kind)).toEqual(['Service']);
  });

  it('puts helm hooks after the other manifests, and drops test hooks with skipTests', async () => {
    const hook = (name: string, kind: string, h: string) => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  annotations:\n    helm.sh/hook: ${h}\n`;
    const host = await repo({
      'h/Chart.yaml': 'apiVersion: v2\nname: h\nversion: 1.0.0\n',
      'h/templates/a-job.yaml': hook('migrate', 'Pod', 'pre-install'),
      'h/templates/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\n# comment only\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n',
      'h/templates/tests/t.yaml': hook('smoke', 'Pod', 'test'),
    });
    const names = (helm?: { skipTests: boolean }) => generateManifests(host, { repoURL: URL, path: 'h', helm }, opts).manifests.map((o) => o.metadata?.name);
    expect(names()).toEqual(['ns', 'cfg', 'migrate', 'smoke']);
    expect(names({ skipTests: true })).toEqual(['ns', 'cfg', 'migrate']);
  });
});

describe('repo server: Helm errors, worded like Argo CD shows them', () => {
  const broken = (template: string, extra: Record<string, string> = {}) => repo({ ...CHART, 'chart/templates/broken.yaml': template, ...extra });

  it('required → "execution error at (file:line:col)"', async () => {
    const host = await broken('kind: ConfigMap\ndata:\n  tag: {{ required "tag is required" .Values.image.tag }}\n');
    const e = failure(() => generateManifests(host, { repoURL: URL, path: 'chart' }, opts));
    expect(e.message).toBe(`rpc error: code = Unknown desc = ${CMD} <api versions removed> --include-crds\` failed exit status 1: Error: execution error at (web/templates/broken.yaml:3:10): tag is required`);
    expect(e.location).toEqual({ file: 'chart/templates/broken.yaml', line: 3 });
  });

  it('prints the helm command line like Argo CD: --set, then --set-string, then --values; no --include-crds with skipCrds', async () => {
    const host = await broken('{{ fail "stop" }}');
    const helm = {
      valueFiles: ['values-prod.yaml'],
      skipCrds: true,
      parameters: [
        { name: 'a', value: '1' },
        { name: 'b', value: 'x', forceString: true },
        { name: 'c', value: '2' },
      ],
    };
    expect(failure(() => generateManifests(host, { repoURL: URL, path: 'chart', helm }, opts)).desc).toMatch(
      /^`helm template \. --name-template guestbook --namespace prod --kube-version 1\.32 --set a=1 --set c=2 --set-string b=x --values values-prod\.yaml <api versions removed>` failed exit status 1: Error: template: /,
    );
  });

  it('a nil pointer, a failing function and a parse error keep Go\'s template error text', async () => {
    const nilHost = await broken('x: {{ .Values.missing.key }}\n');
    const nil = failure(() => generateManifests(nilHost, { repoURL: URL, path: 'chart' }, opts));
    expect(nil.desc).toContain('Error: template: web/templates/broken.yaml:1:13: executing "web/templates/broken.yaml" at <.Values.missing.key>: nil pointer evaluating interface {}.key');
    const host = await broken('{{ fail "unsupported mode" }}');
    expect(failure(() => generateManifests(host, { repoURL: URL, path: 'chart' }, opts)).desc).toContain(
      'Error: template: web/templates/broken.yaml:1:3: executing "web/templates/broken.yaml" at <fail "unsupported mode">: error calling fail: unsupported mode',
    );
    const parse = await broken('a: 1\n{{ if .Values.x }}\n');
    expect(failure(() => generateManifests(parse, { repoURL: URL, path: 'chart' }, opts)).desc).toContain('failed exit status 1: Error: parse error at (web/templates/broken.yaml:3): unexpected EOF');
    const fn = await broken('{{ notAFunction 1 }}');
    expect(failure(() => generateManifests(fn, { repoURL: URL, path: 'chart' }, opts)).desc).toContain('Error: parse error at (web/templates/broken.yaml:1): function "notAFunction" not defined');
  });

  it('invalid YAML after rendering, a missing value file, a bad Chart.yaml', async () => {
    const yaml = await broken('kind: ConfigMap\ndata:\n  a: b: c\n');
    expect(failure(() => generateManifests(yaml, { repoURL: URL, path: 'chart' }, opts)).desc).toMatch(/Error: YAML parse error on web\/templates\/broken.yaml: error converting YAML to JSON: yaml: line 3: .*\n\nUse --debug flag to render out invalid YAML$/);
    const host = await repo(CHART);
    const missing = failure(() => generateManifests(host, { repoURL: URL, path: 'chart', helm: { valueFiles: ['nope.yaml'] } }, opts));
    expect(missing.desc).toBe(`${CMD} --values nope.yaml <api versions removed> --include-crds\` failed exit status 1: Error: open nope.yaml: no such file or directory`);
    expect(generateManifests(host, { repoURL: URL, path: 'chart', helm: { valueFiles: ['nope.yaml'], ignoreMissingValueFiles: true } }, opts).manifests).toHaveLength(2);
    const noName = await repo({ 'c/Chart.yaml': 'apiVersion: v2\nversion: 1.0.0\n', 'c/templates/x.yaml': '' });
    expect(failure(() => generateManifests(noName, { repoURL: URL, path: 'c' }, opts)).desc).toContain('Error: validation: chart.metadata.name is required');
    expect(failure(() => generateManifests(host, { repoURL: URL, path: 'chart', helm: { valueFiles: ['../../etc/passwd'] } }, opts)).desc).toBe(
      "error resolving helm value files path: value file '../../etc/passwd' resolved to outside repository root",
    );
  });
});

describe('repo server: multiple sources', () => {
  const VALUES = 'https://git.example.com/org/values.git';

  async function twoRepos() {
    const host = await repo(CHART);
    await host.createRepo(VALUES, { 'envs/prod.yaml': 'replicaCount: 7\n', 'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n' }, { author });
    return host;
  }

  it('renders each source and concatenates; a ref-only source lends $ref value files and its revision', async () => {
    const host = await twoRepos();
    const res = generateManifestsForSources(
      host,
      [
        { repoURL: URL, path: 'chart', helm: { valueFiles: ['$values/envs/prod.yaml'] } },
        { repoURL: VALUES, targetRevision: 'main', ref: 'values' },
        { repoURL: VALUES, path: 'plain' },
      ],
      opts,
    );
    expect(res.manifests.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Service/guestbook-web', 'Deployment/guestbook-web', 'ConfigMap/extra']);
    expect(byKind(res.manifests, 'Deployment').spec.replicas).toBe(7);
    expect(res.sourceTypes).toEqual(['Helm', undefined, 'Directory']);
    expect(res.revisions).toHaveLength(3);
    expect(res.revisions[1]).toBe(host.get(VALUES).resolveSync('main'));
  });

  it('says which source failed, for unknown repos, missing paths and unknown refs', async () => {
    const host = await twoRepos();
    const unknown = failure(() => generateManifestsForSources(host, [{ repoURL: URL, path: 'chart' }, { repoURL: 'https://nowhere/x.git', path: '.' }], opts));
    expect(unknown.desc).toBe('repository not found');
    expect(unknown.source).toEqual({ index: 2, count: 2 });
    const path = failure(() => generateManifestsForSources(host, [{ repoURL: VALUES, path: 'nope' }], opts));
    expect(path.desc).toBe('nope: app path does not exist');
    expect(path.source).toEqual({ index: 1, count: 1 });
    const ref = failure(() => generateManifestsForSources(host, [{ repoURL: URL, path: 'chart', helm: { valueFiles: ['$other/x.yaml'] } }], opts));
    expect(ref.desc).toBe('error resolving helm value files path: source referenced "$other", but no source has RefName defined');
    expect(ref).toBeInstanceOf(RepoServerError);
  });
});

describe('repo server: manifest cache and revisions', () => {
  it('serves an unchanged revision from the cache as a copy; a new commit or noCache renders again', async () => {
    const host = await repo(CHART);
    const first = generateManifests(host, { repoURL: URL, path: 'chart' }, opts);
    first.manifests[0]!.metadata!.name = 'edited-by-caller';
    const again = generateManifests(host, { repoURL: URL, path: 'chart' }, opts);
    expect(again.manifests[0]!.metadata!.name).toBe('guestbook-web');
    const sha = await host.get(URL).commit({ 'chart/values.yaml': CHART['chart/values.yaml']!.replace('replicaCount: 1', 'replicaCount: 2') }, 'scale', author);
    const next = generateManifests(host, { repoURL: URL, path: 'chart' }, opts);
    expect(next.revision).toBe(sha);
    expect(byKind(next.manifests, 'Deployment').spec.replicas).toBe(2);
    expect(generateManifests(host, { repoURL: URL, path: 'chart' }, { ...opts, noCache: true }).manifests).toEqual(next.manifests);
  });

  it('targetRevision: branch, tag, short SHA, HEAD and empty render their own trees', async () => {
    const host = await repo(CHART);
    const r = host.get(URL);
    const v1 = await r.resolve('HEAD');
    await r.tag('v1.0.0', 'HEAD');
    await r.branch('staging', 'HEAD');
    await r.commit({ 'chart/values.yaml': 'replicaCount: 9\nimage: {repository: nginx, tag: ""}\nservice: {port: 80}\n' }, 'nine', author);
    const replicas = (targetRevision: string) => byKind(generateManifests(host, { repoURL: URL, path: 'chart', targetRevision }, opts).manifests, 'Deployment').spec.replicas;
    expect([replicas('v1.0.0'), replicas('staging'), replicas(v1.slice(0, 7)), replicas(v1), replicas('HEAD'), replicas(''), replicas('main')]).toEqual([1, 1, 1, 1, 9, 9, 9]);
    expect(failure(() => generateManifests(host, { repoURL: URL, path: 'chart', targetRevision: 'nope' }, opts)).desc).toBe("unable to resolve 'nope' to a commit SHA");
  });
});

describe('repo server: Helm chart checks', () => {
  it('refuses a chart whose kubeVersion excludes the cluster, and one whose dependencies are not vendored', async () => {
    const host = await repo({
      'k/Chart.yaml': 'apiVersion: v2\nname: k\nversion: 1.0.0\nkubeVersion: ">=1.40.0-0"\n',
      'k/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'd/Chart.yaml': 'apiVersion: v2\nname: d\nversion: 1.0.0\ndependencies:\n  - name: postgresql\n    version: 12.x.x\n    repository: https://charts.bitnami.com/bitnami\n',
      'd/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'ok/Chart.yaml': 'apiVersion: v2\nname: ok\nversion: 1.0.0\nkubeVersion: ">=1.19.0-0"\n',
      'ok/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    });
    expect(failure(() => generateManifests(host, { repoURL: URL, path: 'k' }, opts)).desc).toContain('Error: chart requires kubeVersion: >=1.40.0-0 which is incompatible with Kubernetes v1.32.0');
    expect(failure(() => generateManifests(host, { repoURL: URL, path: 'd' }, opts)).desc).toContain('found in Chart.yaml, but missing in charts/ directory: postgresql');
    expect(generateManifests(host, { repoURL: URL, path: 'ok' }, opts).manifests).toHaveLength(1);
  });
});

describe('repo server: Helm build environment and --set-file', () => {
  it('substitutes $ARGOCD_APP_* in parameters and value file paths; --set-file takes the file verbatim', async () => {
    const host = await repo({
      's/Chart.yaml': 'apiVersion: v2\nname: s\nversion: 1.0.0\n',
      's/values-guestbook.yaml': 'env: from-app-values\n',
      's/config.json': '{"a": [1, 2]}',
      's/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\ndata:\n  env: {{ .Values.env }}\n  rev: {{ .Values.rev | quote }}\n  config: {{ .Values.config | quote }}\n',
    });
    const helm = {
      valueFiles: ['values-$ARGOCD_APP_NAME.yaml'],
      parameters: [
        { name: 'name', value: '${ARGOCD_APP_NAME}-cm' },
        { name: 'rev', value: '$ARGOCD_APP_REVISION_SHORT', forceString: true },
      ],
      fileParameters: [{ name: 'config', path: 'config.json' }],
    };
    const res = generateManifests(host, { repoURL: URL, path: 's', helm }, { appName: 'guestbook' });
    const cm = byKind(res.manifests, 'ConfigMap');
    expect(cm.metadata.name).toBe('guestbook-cm');
    expect(cm.data).toEqual({ env: 'from-app-values', rev: res.revision.slice(0, 7), config: '{"a": [1, 2]}' });
  });
});
