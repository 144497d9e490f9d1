import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../simulator/cluster/types.js';
import { URL, opts, repo } from './support.js';
import { generateManifests } from '../../../../simulator/argocd/repoServer/index.js';
import { hashOf } from '../../../../simulator/argocd/repoServer/kustomize/hash.js';


const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
        env:
        - name: LEVEL
          valueFrom:
            configMapKeyRef: {name: app-config, key: LOG_LEVEL}
        - name: PASS
          valueFrom:
            secretKeyRef: {name: creds, key: password}
        envFrom:
        - secretRef: {name: creds}
      volumes:
      - name: conf
        configMap: {name: app-config}
      - name: secret
        secret: {secretName: creds}
`;

async function build(files: Record<string, string>, path: string): Promise<KubeObject[]> {
  return (generateManifests(await repo(files), { repoURL: URL, path }, opts)).manifests;
}

const at = (o: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((cur, k) => (cur as Record<string | number, unknown> | undefined)?.[k], o);

/** kustomize's encode(): first 10 hex digits of the SHA-256, with 0→g 1→h 3→k a→m e→t. */
const kustomizeEncode = (json: string): string =>
  [...createHash('sha256').update(json).digest('hex').slice(0, 10)].map((c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c] ?? c).join('');

describe('repo server: kustomize generators', () => {
  it('matches the kubectl/kustomize hash test vectors', () => {
    // From kubectl's pkg/util/hash tests (carried into kustomize's api/hasher tests): name "" and the data shown.
    const cm = (data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' }, data });
    expect(hashOf(cm({}))).toBe('42745tchd9');
    expect(hashOf(cm({ one: '' }))).toBe('9g67k2htb6');
    expect(hashOf(cm({ two: '2', one: '', three: '3' }))).toBe('f5h7t85m9b');
    expect(hashOf({ apiVersion: 'v1', kind: 'Secret', type: 'my-type', metadata: { name: '' }, data: { one: '' } })).toBe('74bd68bm66');
  });

  it('generates ConfigMap and Secret with kustomize hash suffixes and rewrites every workload reference', async () => {
    const manifests = await build(
      {
        'base/kustomization.yaml': 'resources:\n- deploy.yaml\n',
        'base/deploy.yaml': DEPLOY,
        'dev/kustomization.yaml': `resources:
- ../base
namePrefix: dev-
commonLabels:
  env: dev
configMapGenerator:
- name: app-config
  literals:
  - LOG_LEVEL=debug
  files:
  - nginx.conf
secretGenerator:
- name: creds
  literals:
  - user=admin
  - password="s3cret"
`,
        'dev/nginx.conf': 'server {}\n',
      },
      'dev',
    );
    // What `kustomize build dev` hashes (api/hasher encodeConfigMap/encodeSecret): Go json.Marshal of the
    // map below, keys sorted, over the final prefixed name and the data as generated (Secret data base64):
    //   {"data":{"LOG_LEVEL":"debug","nginx.conf":"server {}\n"},"kind":"ConfigMap","name":"dev-app-config"}
    //     sha256 316da93795… → "kh6dm9k795"
    //   {"data":{"password":"czNjcmV0","user":"YWRtaW4="},"kind":"Secret","name":"dev-creds","type":"Opaque"}
    //     sha256 c1542384a3… → "ch542k84mk"
    const cmJson = '{"data":{"LOG_LEVEL":"debug","nginx.conf":"server {}\\n"},"kind":"ConfigMap","name":"dev-app-config"}';
    const secretJson = '{"data":{"password":"czNjcmV0","user":"YWRtaW4="},"kind":"Secret","name":"dev-creds","type":"Opaque"}';
    expect(kustomizeEncode(cmJson)).toBe('kh6dm9k795');
    expect(kustomizeEncode(secretJson)).toBe('ch542k84mk');

    expect(manifests.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/dev-app-config-kh6dm9k795', 'Secret/dev-creds-ch542k84mk', 'Deployment/dev-web']);
    const cm = manifests[0]!;
    expect(cm.data).toEqual({ LOG_LEVEL: 'debug', 'nginx.conf': 'server {}\n' });
    expect(cm.metadata.labels).toEqual({ env: 'dev' });
    const secret = manifests[1]!;
    expect(secret).toMatchObject({ type: 'Opaque', data: { user: 'YWRtaW4=', password: 'czNjcmV0' } });

    const spec = at(manifests[2], 'spec', 'template', 'spec');
    expect(at(spec, 'volumes', 0, 'configMap', 'name')).toBe('dev-app-config-kh6dm9k795');
    expect(at(spec, 'volumes', 1, 'secret', 'secretName')).toBe('dev-creds-ch542k84mk');
    expect(at(spec, 'containers', 0, 'env', 0, 'valueFrom', 'configMapKeyRef', 'name')).toBe('dev-app-config-kh6dm9k795');
    expect(at(spec, 'containers', 0, 'env', 1, 'valueFrom', 'secretKeyRef', 'name')).toBe('dev-creds-ch542k84mk');
    expect(at(spec, 'containers', 0, 'envFrom', 0, 'secretRef', 'name')).toBe('dev-creds-ch542k84mk');
  });

  it('reads env files, honours disableNameSuffixHash, and changes the hash when the data changes', async () => {
    const files = {
      'k/kustomization.yaml': `configMapGenerator:
- name: env-config
  envs:
  - app.env
- name: plain
  literals: [X=1]
  options:
    disableNameSuffixHash: true
`,
      'k/app.env': '# comment\nA=1\n\nB=two\nFROM_SHELL\n',
    };
    const [envCm, plain] = await build(files, 'k');
    // {"data":{"A":"1","B":"two"},"kind":"ConfigMap","name":"env-config"} → sha256 0165bee4ac… → "gh65btt4mc"
    expect(kustomizeEncode('{"data":{"A":"1","B":"two"},"kind":"ConfigMap","name":"env-config"}')).toBe('gh65btt4mc');
    expect(envCm!.metadata.name).toBe('env-config-gh65btt4mc');
    expect(envCm!.data).toEqual({ A: '1', B: 'two' });
    expect(plain!.metadata.name).toBe('plain');
    const [changed] = await build({ ...files, 'k/app.env': 'A=2\nB=two\n' }, 'k');
    expect(changed!.metadata.name).toMatch(/^env-config-[0-9a-z]{10}$/);
    expect(changed!.metadata.name).not.toBe('env-config-gh65btt4mc');
  });

  it('merges an overlay generator into the base one (behavior: merge) and hashes the merged result', async () => {
    const files = {
      'base/kustomization.yaml': 'configMapGenerator:\n- name: app-config\n  literals: [A=1, B=2]\n',
      'ov/kustomization.yaml': 'resources:\n- ../base\nnamePrefix: ov-\nconfigMapGenerator:\n- name: app-config\n  behavior: merge\n  literals: [B=3, C=4]\n',
      'dup/kustomization.yaml': 'resources:\n- ../base\nconfigMapGenerator:\n- name: app-config\n  literals: [X=1]\n',
    };
    const [cm] = await build(files, 'ov');
    expect(cm!.data).toEqual({ A: '1', B: '3', C: '4' });
    expect(cm!.metadata.name).toBe(`ov-app-config-${kustomizeEncode('{"data":{"A":"1","B":"3","C":"4"},"kind":"ConfigMap","name":"ov-app-config"}')}`);
    await expect(build(files, 'dup')).rejects.toThrow('id ConfigMap.v1/app-config.[noNs] exists; behavior must be merge or replace');
  });

  it('generatorOptions apply to every generator', async () => {
    const [cm] = await build(
      { 'k/kustomization.yaml': 'generatorOptions:\n  disableNameSuffixHash: true\n  labels:\n    generated: "yes"\nconfigMapGenerator:\n- name: c\n  literals: [K=V]\n' },
      'k',
    );
    expect(cm!.metadata).toEqual({ name: 'c', labels: { generated: 'yes' } });
  });
});
