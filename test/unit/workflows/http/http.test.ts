import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import { builtinMock, findMock, HTTP_MOCKS_LABEL } from '../../../../simulator/workflows/http/index.js';
import { httpOutcome } from '../../../../simulator/workflows/executors/http.js';
import { runWorkflow } from '../operator/helpers.js';

const mocks = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'mocks', namespace: 'default', labels: { [HTTP_MOCKS_LABEL]: 'true' } },
  data: {
    items: 'url: https://api.example.com/items\nmethod: GET\nstatus: 200\nheaders: {Content-Type: application/json}\nbody: \'{"items": [1, 2]}\'\nlatency: 2s\n',
    slow: 'url: https://slow.example.com/*\nlatency: 1m\nbody: late\n',
    teapot: 'url: https://api.example.com/tea\nstatus: 418\nbody: short and stout\n',
  },
};

describe('mock HTTP table', () => {
  it('answers from labelled ConfigMaps (exact and prefix URLs, methods) and built-ins', () => {
    const sb = createSandbox({ seed: 1 });
    sb.store.create(mocks);
    expect(findMock(sb.store, 'default', 'GET', 'https://api.example.com/items')).toMatchObject({ status: 200, latencyMs: 2000, source: 'default/mocks/items' });
    expect(findMock(sb.store, 'default', 'POST', 'https://api.example.com/items')).toBeUndefined();
    expect(findMock(sb.store, 'default', 'GET', 'https://slow.example.com/a/b')?.latencyMs).toBe(60_000);
    expect(findMock(sb.store, 'other', 'GET', 'https://api.example.com/items')).toBeUndefined();
    expect(builtinMock('GET', 'https://raw.githubusercontent.com/argoproj/argo-workflows/thisisnotahash/x.json')?.status).toBe(404);
  });

  it('evaluates successCondition over request and response like the agent', () => {
    const h = { url: 'u', successCondition: 'response.statusCode == 200 && response.headers["Content-Type"][0] == "text/plain"' };
    expect(httpOutcome(h, 200, { 'content-type': 'text/plain' }, '')).toEqual({ phase: 'Succeeded', message: '' });
    expect(httpOutcome({ url: 'u' }, 404, {}, '')).toEqual({ phase: 'Failed', message: 'received non-2xx response code: 404' });
    expect(httpOutcome({ url: 'u', successCondition: 'response.body' }, 200, {}, 'x').message).toBe("unable to cast expression result 'x' to bool");
  });
});

describe('HTTP templates through the operator', () => {
  it('takes the mock latency in virtual time, returns the body as result, fails unknown hosts clearly', async () => {
    const sb = createSandbox({ seed: 2 });
    sb.store.create(mocks);
    const { status, byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: web}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: items, template: get, arguments: {parameters: [{name: url, value: "https://api.example.com/items"}]}}
      - {name: tea, template: get, continueOn: {failed: true}, arguments: {parameters: [{name: url, value: "https://api.example.com/tea"}]}}
      - {name: nowhere, template: get, continueOn: {failed: true}, arguments: {parameters: [{name: url, value: "https://nowhere.invalid/x"}]}}
      - {name: slow, template: timeout, continueOn: {failed: true}}
    - - name: use
        template: check
        arguments: {parameters: [{name: n, value: "{{=jsonpath(steps.items.outputs.result, '$.items[1]')}}"}]}
  - name: get
    inputs: {parameters: [{name: url}]}
    http: {url: "{{inputs.parameters.url}}"}
  - name: timeout
    http: {url: "https://slow.example.com/q", timeoutSeconds: 5}
  - name: check
    inputs: {parameters: [{name: n}]}
    http:
      url: https://api.example.com/items
      successCondition: "response.statusCode == 200 && '{{inputs.parameters.n}}' == '2'"
`, { sandbox: sb });
    const items = byName('web[0].items');
    expect(items.type).toBe('HTTP');
    expect(items.phase).toBe('Succeeded');
    expect(items.outputs?.result).toBe('{"items": [1, 2]}');
    expect(Date.parse(items.finishedAt ?? '') - Date.parse(items.startedAt ?? '')).toBe(2000);
    expect(byName('web[0].tea').message).toBe('received non-2xx response code: 418');
    expect(byName('web[0].nowhere').message).toMatch(/^Get "https:\/\/nowhere.invalid\/x": dial tcp: lookup nowhere.invalid: no such host \(the sandbox has no network/);
    expect(byName('web[0].slow').message).toBe('Get "https://slow.example.com/q": context deadline exceeded');
    expect(byName('web[1].use').phase).toBe('Succeeded');
    expect(status.phase).toBe('Succeeded');
  });
});

describe('HTTP request details', () => {
  it('reads secret headers and base64 bodies into the successCondition request', async () => {
    const sb = createSandbox({ seed: 3 });
    sb.store.create(mocks);
    sb.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace: 'default' }, data: { value: Buffer.from('s3cret').toString('base64') } });
    const { byName } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: auth}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: ok, template: ok}
      - {name: nosecret, template: nosecret, continueOn: {failed: true}}
  - name: ok
    http:
      url: https://api.example.com/items
      headers: [{name: authorization, valueFrom: {secretKeyRef: {name: token, key: value}}}]
      bodyFrom: {bytes: aGVsbG8=}
      successCondition: 'request.headers["Authorization"][0] == "s3cret" && request.body == "hello"'
  - name: nosecret
    http:
      url: https://api.example.com/items
      headers: [{name: x, valueFrom: {secretKeyRef: {name: missing, key: value}}}]
`, { sandbox: sb });
    expect(byName('auth[0].ok').phase).toBe('Succeeded');
    expect(byName('auth[0].nosecret')).toMatchObject({ phase: 'Failed', message: 'secrets "missing" not found' });
  });
});

