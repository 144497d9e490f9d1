/** Argo Workflows' expression environment: expanded parameters, asInt/asFloat, jsonpath, toJson, sprig. */
import { describe, expect, it } from 'vitest';
import { argoEnv, evaluate, expandEnv, jsonPathQuery } from '../../../simulator/expr/index.js';

const flat = {
  'inputs.parameters.x': '21',
  'inputs.parameters.my-string-param': '  padded  ',
  'inputs.parameters.json': '{"items":[{"name":"a","size":3},{"name":"b","size":9}],"meta":{"count":2}}',
  'steps.flip-coin.outputs.result': 'heads',
  'workflow.name': 'wf-abc',
  'retries': '2',
};
const env = argoEnv(flat);

describe('argoEnv', () => {
  it('expands dotted keys into nested maps, dropping a key that is a prefix of another', () => {
    expect(expandEnv({ 'a.b': 1, a: 2, 'a.c.d': 3, e: 4 })).toEqual({ a: { b: 1, c: { d: 3 } }, e: 4 });
  });

  it.each([
    ['asInt(inputs.parameters.x) * 2', 42],
    ['asFloat(inputs.parameters.x) / 2', 10.5],
    ["sprig.trim(inputs.parameters['my-string-param'])", 'padded'],
    ["sprig.upper(steps['flip-coin'].outputs.result)", 'HEADS'],
    ["steps['flip-coin'].outputs.result == 'heads'", true],
    ['jsonpath(inputs.parameters.json, "$.meta.count")', 2],
    ['jsonpath(inputs.parameters.json, "$.items[*].name")', ['a', 'b']],
    ['jsonpath(inputs.parameters.json, "$.items[?(@.size > 5)].name")', ['b']],
    ['jsonpath(inputs.parameters.json, "$..name")', ['a', 'b']],
    ['toJson({"b": 1, "a": [true]})', '{"a":[true],"b":1}'],
    ['workflow.name + "-" + string(asInt(retries) + 1)', 'wf-abc-3'],
    ['asInt(retries) < 3 ? "retry" : "stop"', 'retry'],
    ["filter(fromJSON(inputs.parameters.json).items, #.size > 1) | map(#.name) | join(',')", 'a,b'],
  ])('%s', (src, want) => {
    expect(evaluate(src, env)).toEqual(want);
  });

  it('reports Go parse errors from asInt and an unknown parameter by name', () => {
    expect(() => evaluate('asInt(workflow.name)', env)).toThrow('strconv.Atoi: parsing "wf-abc": invalid syntax (1:1)');
    expect(() => evaluate('inputs.parameters.y + 1', env)).toThrow(/^invalid operation: <nil> \+ int \(1:21\)/);
    expect(() => evaluate('outputs.result', env)).toThrow(/^unknown name outputs \(1:1\)/);
  });

  it.each([
    ['sprig.add(1, 2)', 3],
    ['sprig.int("5") + 1', 6],
    ['sprig.default("fallback", "")', 'fallback'],
    ['sprig.splitList(",", "a,b")', ['a', 'b']],
    ['sprig.dict("a", 1).a', 1],
    ["sprig.replace('-', '_', workflow.name)", 'wf_abc'],
    ['sprig.toString(asInt(retries) * 3)', '6'],
  ])('simulator/sprig is bound: %s', (src, want) => {
    expect(evaluate(src, env)).toEqual(want);
  });

  it('binds another function table when one is given', () => {
    const withSprig = argoEnv({ x: 'abc' }, { sprig: { repeat: (n: unknown, s: unknown) => String(s).repeat(Number(n)) } });
    expect(evaluate('sprig.repeat(2, x)', withSprig)).toBe('abcabc');
  });
});

describe('jsonPathQuery', () => {
  const doc = { a: [{ b: 1 }, { b: 2 }, { c: 3 }], m: { x: 'y' } };
  it.each([
    ['$.a[0].b', 1],
    ['$.a[-1].c', 3],
    ['$.a[*].b', [1, 2]],
    ['$.a[0:2]', [{ b: 1 }, { b: 2 }]],
    ["$['m']['x']", 'y'],
    ['$.a[?(@.b)]', [{ b: 1 }, { b: 2 }]],
    ['$.a[?(@.b == 2)].b', [2]],
    ['$..b', [1, 2]],
  ])('%s', (path, want) => {
    expect(jsonPathQuery(path, doc)).toEqual(want);
  });

  it('fails on a missing key of a definite path', () => {
    expect(() => jsonPathQuery('$.nope', doc)).toThrow(/not found/);
    expect(() => jsonPathQuery('a.b', doc)).toThrow(/must start with/);
  });
});
