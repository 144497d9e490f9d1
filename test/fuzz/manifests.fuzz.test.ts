/**
 * Property tests: random and mutated manifests through parse → validate → apply → run never throw
 * anything but ApiErrors, never hang (bounded virtual time and steps), never touch other objects,
 * and never pollute prototypes.
 */
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ApiError, createSandbox } from '../../simulator/index.js';
import type { KubeObject, StoredObject } from '../../simulator/index.js';
import { applyManifests } from '../../simulator/cli/applyManifests.js';
import { locateIn, parseManifests } from '../../simulator/manifest/index.js';
import { SEEDS } from './seeds.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/** Every path in a JSON value (containers and leaves). */
function paths(v: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k]!, [...prefix, k], out);
  return out;
}

function setAt(root: Json, path: Path, value: Json | undefined): void {
  let cur: Json = root;
  for (const p of path.slice(0, -1)) cur = (cur as Record<string | number, Json>)[p]!;
  const last = path[path.length - 1]!;
  if (Array.isArray(cur)) {
    if (value === undefined) cur.splice(Number(last), 1);
    else cur[Number(last)] = value;
  } else if (cur && typeof cur === 'object') {
    if (value === undefined) delete cur[last];
    else Object.defineProperty(cur, last, { value, enumerable: true, writable: true, configurable: true });
  }
}

const KEYS = ['spec', 'replicas', 'containers', 'image', 'name', 'metadata', 'labels', 'selector', 'template', '__proto__', 'constructor', 'prototype', 'status', 'ports', 'restartPolicy', 'data', 'type'];
const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, fc.constantFrom<Json>('', -1, 0, 70000, 'Always', 'Never', 'Foo_Bar', null, [], {}, { polluted: 'yes' }, 'a'.repeat(300)));

/** One mutation: replace, delete, or add a (possibly hostile) key somewhere in the object. */
const mutation = fc.tuple(fc.nat(), fc.constantFrom('set', 'delete', 'add'), fc.constantFrom(...KEYS), value);

function mutate(seed: KubeObject, muts: [number, string, string, Json][]): Json {
  const obj = structuredClone(seed) as unknown as Json;
  for (const [pick, op, key, v] of muts) {
    const all = paths(obj).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const p = all[pick % all.length]!;
    if (op === 'set') setAt(obj, p, v);
    else if (op === 'delete') setAt(obj, p, undefined);
    else {
      let target: Json = obj;
      for (const s of p) target = (target as Record<string | number, Json>)[s]!;
      if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }
  return obj;
}

const SENTINEL: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sentinel', namespace: 'default' }, data: { keep: 'me' } };

function expectOnlyApiErrors(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

function checkWorld(run: (sb: ReturnType<typeof createSandbox>) => void): void {
  const sb = createSandbox({ seed: 5 });
  const sentinel = sb.store.create(SENTINEL);
  run(sb);
  const r = sb.runUntilSettled({ maxVirtualMs: 5 * 60_000, maxSteps: 20_000 });
  expect(r.steps).toBeLessThanOrEqual(20_000);
  const after: StoredObject | undefined = sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'sentinel' });
  expect(after).toBe(sentinel);
  // No controller crashed on this input (a crash is caught and logged as ReconcileError: still a bug).
  expect(sb.log.all().filter((e) => e.reason === 'ReconcileError').map((e) => e.message)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.prototype).not.toHaveProperty('yes');
}

describe('fuzz: parser', () => {
  it('never throws on arbitrary text or bytes; every error has a line and column', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 })), (input) => {
        const r = parseManifests(input, 'fuzz.yaml');
        for (const e of r.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
          expect(e.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on mutated YAML text (characters inserted, deleted, replaced)', () => {
    const base = SEEDS.map((s) => dump(s)).join('---\n');
    const edit = fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: 8 }), fc.string({ maxLength: 6, unit: fc.constantFrom(':', '-', ' ', '\n', '\t', '&', '*', '[', '{', '"', "'", '#', '|', '>', '!', '?', 'a', '0', '---\n', '<<: *a\n') }));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = base;
        for (const [at, del, ins] of edits) text = text.slice(0, at) + ins + text.slice(at + del);
        const r = parseManifests(text, 'm.yaml');
        for (const e of r.errors) expect(e.line).toBeGreaterThanOrEqual(1);
        expect(r.manifests.length + r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('reads back exactly what js-yaml writes (scalars that YAML 1.1 would misread are quoted)', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('y', 'n', 'on', 'off', 'yes', 'NO', '0777', '1_0', '0x1F', '.5', '~', '<<', '2025-01-01', '1e3', '-', '- a', ': b', '#c', '@x'), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    const json = fc.letrec<{ v: Json }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, scalar as fc.Arbitrary<Json>, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 3 })),
    })).v;
    fc.assert(
      fc.property(json, (v) => {
        const obj = { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'n' }, v };
        const r = parseManifests(dump(obj), 'rt.yaml');
        expect(r.errors).toEqual([]);
        expect(JSON.stringify(r.manifests[0]!.object)).toBe(JSON.stringify(obj));
      }),
      { numRuns: 300 },
    );
  });

  it('locates every path of any object it parses, on the line that holds it', () => {
    const key = fc.oneof(fc.constantFrom('a', 'spec', 'app.kubernetes.io/name', 'with space', '__proto__', 'x[0]', '0'), fc.string({ minLength: 1, maxLength: 6 }));
    const tree = fc.letrec<{ node: Json }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean()),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 4 }), fc.boolean(), (body, flow) => {
        const obj = { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'n' }, ...body } as Record<string, Json>;
        const text = dump(obj, { flowLevel: flow ? 2 : -1 });
        const r = parseManifests(text, 't.yaml');
        expect(r.errors).toEqual([]);
        const m = r.manifests[0]!;
        expect(JSON.stringify(m.object)).toBe(JSON.stringify(obj));
        const lines = text.split('\n');
        for (const p of paths(obj as Json).slice(1)) {
          const at = locateIn(m, p as Path);
          expect(at.exact).toBe(true);
          expect(at.line).toBeLessThanOrEqual(lines.length);
          const last = p[p.length - 1]!;
          if (typeof last === 'string' && /^[a-z]+$/.test(last) && !flow) expect(lines[at.line - 1]).toContain(last);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('fuzz: parse → validate → apply → run', () => {
  it('mutated manifests only ever fail with ApiErrors or located errors; the world stays intact', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { maxLength: 3 })), { minLength: 1, maxLength: 4 }), (picks) => {
        const docs = picks.map(([i, muts]) => mutate(SEEDS[i]!, muts as [number, string, string, Json][]));
        const text = docs.map((d) => dump(d, { skipInvalid: true })).join('---\n');
        checkWorld((sb) => {
          const parsed = parseManifests(text, 'fuzz.yaml');
          const result = applyManifests(sb, parsed.manifests);
          for (const e of [...parsed.errors, ...result.errors]) {
            expect(e.file).toBe('fuzz.yaml');
            expect(e.line).toBeGreaterThanOrEqual(1);
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('mutated Argo objects (Workflow, CronWorkflow, Application) never crash a controller or hang the world', () => {
    const argo = SEEDS.map((s, i) => [s, i] as const).filter(([s]) => s.apiVersion.startsWith('argoproj.io/')).map(([, i]) => i);
    fc.assert(
      fc.property(fc.constantFrom(...argo), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, muts) => {
        const doc = mutate(SEEDS[i]!, muts as [number, string, string, Json][]);
        checkWorld((sb) => {
          // The template the Workflow and CronWorkflow refer to exists, so mutations reach the operator.
          sb.store.create(SEEDS.find((s) => s.kind === 'WorkflowTemplate')!);
          const parsed = parseManifests(dump(doc, { skipInvalid: true }), 'argo.yaml');
          const result = applyManifests(sb, parsed.manifests);
          for (const e of [...parsed.errors, ...result.errors]) expect(e.line).toBeGreaterThanOrEqual(1);
        });
      }),
      { numRuns: 80 },
    );
  });

  it('direct store writes of random objects throw only ApiErrors, and updates of valid objects keep the sentinel', () => {
    const kind = fc.constantFrom(...SEEDS.map((s) => [s.apiVersion, s.kind] as const));
    fc.assert(
      fc.property(kind, fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 4 }), fc.array(mutation, { maxLength: 3 }), ([apiVersion, k], body, muts) => {
        checkWorld((sb) => {
          expectOnlyApiErrors(() => sb.store.create({ apiVersion, kind: k, metadata: { name: 'r' }, ...(body as object) } as KubeObject));
          for (const seed of SEEDS) expectOnlyApiErrors(() => sb.store.apply(seed));
          const dep = sb.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'dep' });
          if (dep) expectOnlyApiErrors(() => sb.store.update(mutate(dep as KubeObject, muts as [number, string, string, Json][]) as unknown as KubeObject));
        });
      }),
      { numRuns: 40 },
    );
  });
  it('random merge, strategic and JSON patches throw only ApiErrors and never pollute prototypes', () => {
    const key = fc.constantFrom(...KEYS);
    const patchBody = fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { maxKeys: 3 })), { maxKeys: 4 });
    const op = fc.record({ op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus'), path: fc.constantFrom('/spec/replicas', '/spec/__proto__/x', '/metadata/labels/a', '/spec/template/spec/containers/0/image', '/x', '', 'nope'), value, from: fc.constantFrom('/spec', '/metadata/name') });
    fc.assert(
      fc.property(fc.constantFrom('merge', 'strategic', 'json'), patchBody, fc.array(op, { maxLength: 3 }), (type, body, ops) => {
        checkWorld((sb) => {
          sb.store.create(SEEDS[5]!);
          const k = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'dep' };
          expectOnlyApiErrors(() => sb.store.patch(k, type, (type === 'json' ? ops : body) as never));
        });
      }),
      { numRuns: 80 },
    );
  });
});
