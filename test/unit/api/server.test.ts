import { describe, expect, it } from 'vitest';
import { cm, harnessPerTest, readEvents } from './helpers.js';

const h = harnessPerTest();

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('discovery', () => {
  it('serves /version, /api, /apis and resource lists with verbs, short names, categories and subresources', async () => {
    expect((await h.req('GET', '/version')).json).toMatchObject({ major: '1', minor: '32' });
    expect((await h.req('GET', '/api')).json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await h.req('GET', '/apis')).json as { kind: string; groups: { name: string; preferredVersion: { groupVersion: string } }[] };
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.find((g) => g.name === 'apps')?.preferredVersion.groupVersion).toBe('apps/v1');
    const core = (await h.req('GET', '/api/v1')).json as { groupVersion: string; resources: Record<string, unknown>[] };
    expect(core.groupVersion).toBe('v1');
    const pods = core.resources.find((r) => r.name === 'pods');
    expect(pods).toMatchObject({ singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'], categories: ['all'] });
    expect(pods!.verbs).toEqual(expect.arrayContaining(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']));
    expect(core.resources.map((r) => r.name)).toEqual(expect.arrayContaining(['pods/status', 'pods/log', 'namespaces', 'configmaps']));
    expect(core.resources.find((r) => r.name === 'namespaces')).toMatchObject({ namespaced: false });
    const apps = (await h.req('GET', '/apis/apps/v1')).json as { resources: Record<string, unknown>[] };
    expect(apps.resources.find((r) => r.name === 'deployments')).toMatchObject({ kind: 'Deployment', shortNames: ['deploy'] });
    expect((await h.req('GET', '/apis/nope.example.com/v1')).status).toBe(404);
  });

  it('serves aggregated discovery (apidiscovery.k8s.io/v2) when asked first, plain lists otherwise', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const res = await fetch(`${h.url}/apis`, { headers: { Accept: accept } });
    expect(res.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const doc = (await res.json()) as { kind: string; items: { metadata: { name: string }; versions: { version: string; resources: Record<string, unknown>[] }[] }[] };
    expect(doc.kind).toBe('APIGroupDiscoveryList');
    const deployments = doc.items.find((g) => g.metadata.name === 'apps')!.versions[0]!.resources.find((r) => r.resource === 'deployments');
    expect(deployments).toMatchObject({
      responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      scope: 'Namespaced',
      shortNames: ['deploy'],
      subresources: expect.arrayContaining([expect.objectContaining({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' } })]),
    });
    const core = (await (await fetch(`${h.url}/api`, { headers: { Accept: accept } })).json()) as { items: { metadata: { name: string } }[] };
    expect(core.items.map((g) => g.metadata.name)).toEqual(['']);
    expect((await h.req('GET', '/apis')).json.kind).toBe('APIGroupList');
  });

  it('reads the kind registry on every request: a kind registered later appears', async () => {
    h.sandbox.store.kinds.register({
      group: 'example.com', version: 'v1alpha1', kind: 'Widget', plural: 'widgets', singular: 'widget', namespaced: true,
      shortNames: ['wd'], categories: ['toys'], generation: true, statusSubresource: true, nameRule: 'subdomain', fromCrd: true,
    });
    const groups = (await h.req('GET', '/apis')).json as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toContain('example.com');
    const list = (await h.req('GET', '/apis/example.com/v1alpha1')).json as { resources: Record<string, unknown>[] };
    expect(list.resources[0]).toMatchObject({ name: 'widgets', kind: 'Widget', shortNames: ['wd'], categories: ['toys'] });
    const created = await h.req('POST', '/apis/example.com/v1alpha1/namespaces/default/widgets', { apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name: 'w' } });
    expect(created.status).toBe(201);
  });

  it('answers access reviews: no authorization in the sandbox, so everything is allowed (kubectl auth can-i)', async () => {
    const groups = (await h.req('GET', '/apis/authorization.k8s.io/v1')).json as { resources: { name: string; verbs: string[] }[] };
    expect(groups.resources.find((r) => r.name === 'selfsubjectaccessreviews')?.verbs).toEqual(['create']);
    const review = await h.req('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'create', resource: 'pods', namespace: 'default' } },
    });
    expect(review.status).toBe(201);
    expect(review.json).toMatchObject({ kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'create' } }, status: { allowed: true } });
    const who = await h.req('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect(who.json).toMatchObject({ status: { userInfo: { username: 'kubernetes-admin' } } });
  });

  it('serves an OpenAPI v3 index whose PATCH operations accept fieldValidation (kubectl then validates server-side)', async () => {
    const root = (await h.req('GET', '/openapi/v3')).json as { paths: Record<string, { serverRelativeURL: string }> };
    const appsUrl = root.paths['apis/apps/v1']!.serverRelativeURL;
    const doc = (await h.req('GET', appsUrl)).json as { paths: Record<string, { patch: Record<string, unknown> }> };
    const op = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!.patch;
    expect(op['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'fieldValidation', in: 'query' })]));
  });
});

describe('resources', () => {
  it('create, get, list with selectors and resourceVersion, update, delete; 404 and 409 as Status', async () => {
    const created = await h.req('POST', '/api/v1/namespaces/default/configmaps', cm('a', { x: '1' }, { app: 'web' }));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
    await h.req('POST', '/api/v1/namespaces/default/configmaps', cm('b', {}, { app: 'db' }));
    const dup = await h.req('POST', '/api/v1/namespaces/default/configmaps', cm('a'));
    expect(dup.status).toBe(409);
    expect(dup.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'AlreadyExists', code: 409, message: 'configmaps "a" already exists' });

    const list = await h.req('GET', '/api/v1/namespaces/default/configmaps?labelSelector=app%3Dweb');
    expect(list.json).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1' });
    expect((list.json.items as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['a']);
    expect(Number((list.json.metadata as { resourceVersion: string }).resourceVersion)).toBeGreaterThan(0);
    const byField = await h.req('GET', '/api/v1/configmaps?fieldSelector=metadata.name%3Db');
    expect((byField.json.items as unknown[]).length).toBe(1);

    const got = await h.req('GET', '/api/v1/namespaces/default/configmaps/a');
    const obj = got.json as { metadata: { resourceVersion: string }; data: Record<string, string> };
    const updated = await h.req('PUT', '/api/v1/namespaces/default/configmaps/a', { ...obj, data: { x: '2' } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ data: { x: '2' } });
    const stale = await h.req('PUT', '/api/v1/namespaces/default/configmaps/a', { ...obj, data: { x: '3' } });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ reason: 'Conflict', message: expect.stringContaining('the object has been modified') });

    const missing = await h.req('GET', '/api/v1/namespaces/default/pods/x');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404, message: 'pods "x" not found', details: { name: 'x', kind: 'pods' } });

    expect((await h.req('DELETE', '/api/v1/namespaces/default/configmaps/a')).status).toBe(200);
    expect((await h.req('GET', '/api/v1/namespaces/default/configmaps/a')).status).toBe(404);
    expect((await h.req('GET', '/api/v1/namespaces/default/widgets')).status).toBe(404);
  });

  it('limit and continue return the list in chunks, in namespace/name order', async () => {
    for (const n of ['c', 'a', 'e', 'b', 'd']) await h.req('POST', '/api/v1/namespaces/default/configmaps', cm(n));
    const names: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await h.req('GET', `/api/v1/namespaces/default/configmaps?limit=2${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
      names.push(...(page.json.items as { metadata: { name: string } }[]).map((i) => i.metadata.name));
      const meta = page.json.metadata as { continue?: string; remainingItemCount?: number };
      if (pages === 0) expect(meta.remainingItemCount).toBe(3);
      token = meta.continue ?? '';
      pages++;
    } while (token);
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toBe(3);
    expect((await h.req('GET', '/api/v1/namespaces/default/configmaps?continue=garbage')).status).toBe(400);
  });

  it('dryRun=All validates but does not persist', async () => {
    const r = await h.req('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', cm('dry'));
    expect(r.status).toBe(201);
    expect((await h.req('GET', '/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
    expect((r.json.metadata as { resourceVersion?: string }).resourceVersion).toBeUndefined();
    const real = await h.req('POST', '/api/v1/namespaces/default/configmaps', cm('dry'));
    const rv = (real.json.metadata as { resourceVersion: string }).resourceVersion;
    const patched = await h.req('PATCH', '/api/v1/namespaces/default/configmaps/dry?dryRun=All', { data: { a: '2' } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(patched.json).toMatchObject({ data: { a: '2' }, metadata: { resourceVersion: rv } });
    expect((await h.req('GET', '/api/v1/namespaces/default/configmaps/dry')).json).toMatchObject({ data: { a: '1' }, metadata: { resourceVersion: rv } });
  });

  it('rejects a namespace in the body that differs from the URL', async () => {
    const r = await h.req('POST', '/api/v1/namespaces/default/configmaps', { ...cm('n'), metadata: { name: 'n', namespace: 'kube-system' } });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('the namespace of the provided object does not match the namespace sent on the request');
  });

  it('answers 413 RequestEntityTooLarge past 3 MiB', async () => {
    const big = cm('big', { blob: 'x'.repeat(3 * 1024 * 1024) });
    const r = await h.req('POST', '/api/v1/namespaces/default/configmaps', big);
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', code: 413, message: 'Request entity too large: limit is 3145728' });
  });

  it('status subresource: PUT /status changes only status; PUT on the object keeps status', async () => {
    const dep = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    };
    await h.req('POST', '/apis/apps/v1/namespaces/default/deployments', dep);
    const cur = (await h.req('GET', '/apis/apps/v1/namespaces/default/deployments/web')).json as Record<string, unknown> & { metadata: Record<string, unknown> };
    const withStatus = { ...cur, metadata: { ...cur.metadata, resourceVersion: undefined }, status: { observedGeneration: 99, replicas: 7 } };
    const viaMain = await h.req('PUT', '/apis/apps/v1/namespaces/default/deployments/web', withStatus);
    expect((viaMain.json.status as Record<string, unknown> | undefined)?.replicas).not.toBe(7);
    const viaStatus = await h.req('PUT', '/apis/apps/v1/namespaces/default/deployments/web/status', withStatus);
    expect(viaStatus.status).toBe(200);
    expect((viaStatus.json.status as Record<string, unknown>).replicas).toBe(7);
  });
});

describe('patch', () => {
  const deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 0, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1' }, { name: 'side', image: 'busybox' }] } },
    },
  };

  it('strategic merge patch merges containers by name; merge patch replaces lists; json patch edits paths', async () => {
    await h.req('POST', '/apis/apps/v1/namespaces/default/deployments', deployment);
    const path = '/apis/apps/v1/namespaces/default/deployments/web';
    const smp = await h.req('PATCH', path, { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
    expect(smp.status).toBe(200);
    const containers = (smp.json as { spec: { template: { spec: { containers: { name: string; image: string }[] } } } }).spec.template.spec.containers;
    expect(containers).toEqual([expect.objectContaining({ name: 'web', image: 'nginx:2' }), expect.objectContaining({ name: 'side', image: 'busybox' })]);
    const merge = await h.req('PATCH', path, { metadata: { labels: { tier: 'front' } } }, { 'Content-Type': 'application/merge-patch+json' });
    expect((merge.json.metadata as { labels: Record<string, string> }).labels).toEqual({ app: 'web', tier: 'front' });
    const json = await h.req('PATCH', path, [{ op: 'replace', path: '/spec/replicas', value: 0 }, { op: 'add', path: '/metadata/annotations', value: { a: 'b' } }], {
      'Content-Type': 'application/json-patch+json',
    });
    expect((json.json.metadata as { annotations: Record<string, string> }).annotations).toEqual({ a: 'b' });
    const bad = await h.req('PATCH', path, { x: 1 }, { 'Content-Type': 'text/plain' });
    expect(bad.status).toBe(415);
  });

  it('server-side apply: YAML body, fieldManager recorded, conflicts between managers, force takes ownership', async () => {
    const path = '/api/v1/namespaces/default/configmaps/ssa';
    const yamlBody = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  color: blue\n';
    const first = await h.req('PATCH', `${path}?fieldManager=alice`, yamlBody, { 'Content-Type': 'application/apply-patch+yaml' });
    expect(first.status).toBe(201);
    const managed = (first.json.metadata as { managedFields: { manager: string; operation: string }[] }).managedFields;
    expect(managed).toEqual([expect.objectContaining({ manager: 'alice', operation: 'Apply' })]);
    const clash = await h.req('PATCH', `${path}?fieldManager=bob`, yamlBody.replace('blue', 'red'), { 'Content-Type': 'application/apply-patch+yaml' });
    expect(clash.status).toBe(409);
    expect(clash.json).toMatchObject({ reason: 'Conflict', message: 'Apply failed with 1 conflict: conflict with "alice": .data.color' });
    const forced = await h.req('PATCH', `${path}?fieldManager=bob&force=true`, yamlBody.replace('blue', 'red'), { 'Content-Type': 'application/apply-patch+yaml' });
    expect(forced.status).toBe(200);
    expect(forced.json.data).toEqual({ color: 'red' });
    const noManager = await h.req('PATCH', path, yamlBody, { 'Content-Type': 'application/apply-patch+yaml' });
    expect(noManager.status).toBe(400);
  });
});

describe('delete propagation', () => {
  const dep = (name: string): Record<string, unknown> => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { replicas: 0, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  });
  const replicaSets = async (app: string): Promise<{ metadata: { ownerReferences?: unknown[] } }[]> =>
    (await h.req('GET', `/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3D${app}`)).json.items as { metadata: { ownerReferences?: unknown[] } }[];

  it('Orphan (DeleteOptions body) keeps the ReplicaSet without its owner; Background (query) removes it', async () => {
    await h.req('POST', '/apis/apps/v1/namespaces/default/deployments', dep('keep'));
    await h.req('POST', '/apis/apps/v1/namespaces/default/deployments', dep('drop'));
    expect(await replicaSets('keep')).toHaveLength(1);
    const orphan = await h.req('DELETE', '/apis/apps/v1/namespaces/default/deployments/keep', { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' });
    expect(orphan.status).toBe(200);
    await h.req('DELETE', '/apis/apps/v1/namespaces/default/deployments/drop?propagationPolicy=Background');
    h.sandbox.runUntilSettled({ maxVirtualMs: 60_000 });
    expect((await h.req('GET', '/apis/apps/v1/namespaces/default/deployments/keep')).status).toBe(404);
    const kept = await replicaSets('keep');
    expect(kept).toHaveLength(1);
    expect(kept[0]!.metadata.ownerReferences ?? []).toEqual([]);
    expect(await replicaSets('drop')).toEqual([]);
    const bad = await h.req('DELETE', '/apis/apps/v1/namespaces/default/replicasets/x?propagationPolicy=Sideways');
    expect(bad.status).toBe(422);
  });
});

describe('scale subresource', () => {
  it('GET/PATCH deployments/scale reads and sets spec.replicas (kubectl scale)', async () => {
    await h.req('POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    });
    const scale = await h.req('GET', '/apis/apps/v1/namespaces/default/deployments/web/scale');
    expect(scale.json).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { selector: 'app=web' } });
    const patched = await h.req('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 3 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(patched.json).toMatchObject({ spec: { replicas: 3 } });
    expect(((await h.req('GET', '/apis/apps/v1/namespaces/default/deployments/web')).json.spec as { replicas: number }).replicas).toBe(3);
    const bad = await h.req('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: -1 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(bad.status).toBe(422);
    const apps = (await h.req('GET', '/apis/apps/v1')).json as { resources: Record<string, unknown>[] };
    expect(apps.resources.find((r) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
  });
});

describe('watch', () => {
  it('streams ADDED/MODIFIED/DELETED from a resourceVersion, resumes, filters by label, ends at timeoutSeconds', async () => {
    const start = (await h.req('GET', '/api/v1/namespaces/default/configmaps')).json.metadata as { resourceVersion: string };
    const res = await fetch(`${h.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${start.resourceVersion}&labelSelector=app%3Dweb`);
    expect(res.status).toBe(200);
    const events = readEvents(res, 3);
    const a = await h.req('POST', '/api/v1/namespaces/default/configmaps', cm('w1', { v: '1' }, { app: 'web' }));
    await h.req('POST', '/api/v1/namespaces/default/configmaps', cm('other', {}, { app: 'db' }));
    await h.req('PATCH', '/api/v1/namespaces/default/configmaps/w1', { data: { v: '2' } }, { 'Content-Type': 'application/merge-patch+json' });
    await h.req('DELETE', '/api/v1/namespaces/default/configmaps/w1');
    const got = await events;
    expect(got.map((e) => `${e.type}:${(e.object.metadata as { name: string }).name}`)).toEqual(['ADDED:w1', 'MODIFIED:w1', 'DELETED:w1']);

    // Resume after the ADDED: the rest replays.
    const addedRv = (a.json.metadata as { resourceVersion: string }).resourceVersion;
    const resumed = await readEvents(await fetch(`${h.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${addedRv}&labelSelector=app%3Dweb`), 2);
    expect(resumed.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);

    // Without a resourceVersion, current objects arrive first as ADDED; timeoutSeconds ends the stream.
    const initial = await readEvents(await fetch(`${h.url}/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1`), 10);
    expect(initial.map((e) => `${e.type}:${(e.object.metadata as { name: string }).name}`)).toEqual(['ADDED:other']);
  });

  it('too old resourceVersion: an ERROR event carrying a 410 Expired Status', async () => {
    const key = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'churn' };
    h.sandbox.store.create({ ...cm('churn'), metadata: { name: 'churn', namespace: 'default' } } as never);
    // Push the watch history window (20,000 events kept) past resourceVersion 1.
    for (let i = 0; i < 31_000; i++) h.sandbox.store.patch(key, 'merge', { data: { a: String(i) } });
    const events = await readEvents(await fetch(`${h.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1`), 1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: expect.stringContaining('too old resource version: 1') } });
  });

  it('sends BOOKMARK events carrying the current resourceVersion when allowed', async () => {
    await h.req('POST', '/api/v1/namespaces/default/configmaps', cm('b1'));
    const events = await readEvents(await fetch(`${h.url}/api/v1/namespaces/default/configmaps?watch=1&allowWatchBookmarks=true`), 2);
    expect(events[0]!.type).toBe('ADDED');
    expect(events[1]).toEqual({ type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: String(h.sandbox.store.resourceVersion) } } });
  });

  it('exec and port-forward say the containers are simulated', async () => {
    await h.req('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const r = await h.req('POST', '/api/v1/namespaces/default/pods/x/exec?command=ls');
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/^exec is not available in the simulated cluster/);
  });

  it('watch as Table: rows per event, column definitions on the first', async () => {
    await h.req('POST', '/api/v1/namespaces/default/configmaps', cm('t1'));
    const res = await fetch(`${h.url}/api/v1/namespaces/default/configmaps?watch=1`, { headers: { Accept: TABLE } });
    const events = readEvents(res, 2);
    await h.req('POST', '/api/v1/namespaces/default/configmaps', cm('t2'));
    const got = await events;
    expect(got[0]!.object).toMatchObject({ kind: 'Table', columnDefinitions: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }] });
    expect((got[1]!.object.rows as { cells: unknown[] }[])[0]!.cells[0]).toBe('t2');
  });
});

describe('tables over HTTP', () => {
  it('GET with Accept as=Table returns meta.k8s.io/v1 Table with kubectl pod columns', async () => {
    await h.req('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const r = await h.req('GET', '/api/v1/namespaces/default/pods', undefined, { Accept: TABLE });
    expect(r.json).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    const cols = (r.json.columnDefinitions as { name: string; priority: number }[]).filter((c) => c.priority === 0).map((c) => c.name);
    expect(cols).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    const row = (r.json.rows as { cells: unknown[]; object: Record<string, unknown> }[])[0]!;
    expect(row.cells[0]).toBe('p1');
    expect(row.cells[1]).toBe('0/1');
    expect(row.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'p1', namespace: 'default' } });
    const one = await h.req('GET', '/api/v1/namespaces/default/pods/p1?includeObject=Object', undefined, { Accept: TABLE });
    expect((one.json.rows as { object: Record<string, unknown> }[])[0]!.object).toMatchObject({ kind: 'Pod', spec: { containers: [{ name: 'c' }] } });
  });

  it('events list answers the field selector kubectl describe sends', async () => {
    const pod = (await h.req('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ev' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }))
      .json.metadata as { uid: string };
    h.sandbox.record('tester', { involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'ev', uid: pod.uid }, reason: 'Poked', message: 'poked the pod' });
    const sel = encodeURIComponent(`involvedObject.name=ev,involvedObject.namespace=default,involvedObject.uid=${pod.uid}`);
    const r = await h.req('GET', `/api/v1/namespaces/default/events?fieldSelector=${sel}`);
    expect((r.json.items as { reason: string }[]).map((e) => e.reason)).toContain('Poked');
    const none = await h.req('GET', `/api/v1/namespaces/default/events?fieldSelector=${encodeURIComponent('involvedObject.name=nope')}`);
    expect(none.json.items).toEqual([]);
  });
});
