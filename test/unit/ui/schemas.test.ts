/**
 * The editor's generated JSON Schema: every manifest the labs and scenarios ship (real, engine-accepted YAML)
 * validates against its kind's schema (no false squiggles), typos are caught, and hover text is there.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../../simulator/manifest/index.js';
import { KIND_SCHEMAS } from '../../../src/editor/schemas/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const DIR = join(ROOT, 'src/editor/schemas');

type Node = { type?: string | string[]; enum?: unknown[]; properties?: Record<string, Node>; required?: string[]; additionalProperties?: boolean | Node; items?: Node; $ref?: string; anyOf?: Node[]; description?: string };
type Schema = Node & { definitions: Record<string, Node> };

const schema = JSON.parse(readFileSync(join(DIR, 'kubernetes.json'), 'utf8')) as Schema;
const KINDS = KIND_SCHEMAS;
const kindDef = (key: string) => {
  const k = KINDS.find((x) => `${x.apiVersion} ${x.kind}` === key);
  return k ? schema.definitions[k.definition] : undefined;
};

/**
 * A validator for exactly the JSON Schema keywords the generator writes (type, enum, properties, required,
 * additionalProperties, items, $ref to #/definitions, anyOf): small and fast, no schema compilation.
 */
function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' ? 'number' : typeof v;
}

function check(root: Schema, node: Node, v: unknown, at: string, out: string[]): void {
  if (node.$ref) {
    const def = root.definitions[node.$ref.replace('#/definitions/', '')];
    if (!def) out.push(`${at}: unresolved ${node.$ref}`);
    else check(root, def, v, at, out);
  }
  if (node.anyOf && !node.anyOf.some((n) => {
    const e: string[] = [];
    check(root, n, v, at, e);
    return e.length === 0;
  })) out.push(`${at}: matches none of anyOf`);
  if (node.type !== undefined) {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    const t = typeOf(v);
    if (!types.includes(t) && !(t === 'number' && types.includes('integer'))) return void out.push(`${at}: expected ${types.join('|')}, got ${t}`);
  }
  if (node.enum && !node.enum.includes(v)) out.push(`${at}: ${JSON.stringify(v)} not in enum`);
  if (Array.isArray(v) && node.items) v.forEach((x, i) => check(root, node.items!, x, `${at}[${i}]`, out));
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const r of node.required ?? []) if (!(r in o)) out.push(`${at}: missing ${r}`);
    for (const [k, x] of Object.entries(o)) {
      const p = node.properties?.[k];
      if (p) check(root, p, x, `${at}.${k}`, out);
      else if (node.additionalProperties === false) out.push(`${at}: unknown field ${k}`);
      else if (node.additionalProperties && typeof node.additionalProperties === 'object') check(root, node.additionalProperties, x, `${at}.${k}`, out);
    }
  }
}

function validate(key: string, v: unknown): string[] | undefined {
  const def = kindDef(key);
  if (!def) return undefined;
  const out: string[] = [];
  check(schema, def, v, '', out);
  return out;
}

function* yamlFiles(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* yamlFiles(p);
    else if (/\.ya?ml$/.test(f)) yield p;
  }
}

describe('generated editor schemas', () => {
  it('cover the Argo CD and Argo Workflows kinds and the core kinds people write, each picked by apiVersion and kind', () => {
    for (const k of ['Application', 'AppProject', 'ApplicationSet', 'Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']) expect(kindDef(`argoproj.io/v1alpha1 ${k}`)).toBeDefined();
    for (const k of ['v1 Pod', 'v1 ConfigMap', 'v1 Service', 'v1 Namespace', 'apps/v1 Deployment', 'batch/v1 Job', 'batch/v1 CronJob']) expect(kindDef(k)).toBeDefined();
    const refs = (schema as unknown as { allOf: { then: { $ref: string } }[] }).allOf.map((a) => a.then.$ref);
    expect(refs).toEqual(KINDS.map((k) => `#/definitions/${k.definition}`));
  });

  it('accept every manifest of the labs and scenarios (no false errors in the editor)', () => {
    let checked = 0;
    const failures: string[] = [];
    for (const root of ['labs', 'scenarios']) {
      for (const file of yamlFiles(join(ROOT, root))) {
        for (const m of parseManifests(readFileSync(file, 'utf8'), file).manifests) {
          const errors = validate(`${m.object.apiVersion} ${m.object.kind}`, m.object);
          if (!errors) continue;
          checked++;
          if (errors.length) failures.push(`${file.slice(ROOT.length + 1)} ${m.object.kind}/${m.object.metadata.name ?? ''}: ${errors.join('; ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('reject a misspelt field and a wrong type, like strict field validation', () => {
    const v = (o: unknown) => validate('apps/v1 Deployment', o)!.length === 0;
    const ok = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } };
    expect(v(ok)).toBe(true);
    expect(v({ ...ok, spce: {} })).toBe(false);
    expect(v({ ...ok, spec: { ...ok.spec, replicas: 'three' } })).toBe(false);
    const wf = (o: unknown) => validate('argoproj.io/v1alpha1 Workflow', o)!.length === 0;
    const steps = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'x-' }, spec: { entrypoint: 'main', templates: [{ name: 'main', steps: [[{ name: 'a', template: 'b' }]] }, { name: 'b', container: { image: 'busybox' } }] } };
    expect(wf(steps)).toBe(true);
    // Steps are a list of parallel groups (lists), not of steps.
    expect(wf({ ...steps, spec: { ...steps.spec, templates: [{ name: 'main', steps: [{ name: 'a', template: 'b' }] }] } })).toBe(false);
  });

  it('carry the upstream field descriptions for hover', () => {
    expect(schema.definitions['argocd.ApplicationSpec']?.properties?.syncPolicy?.description).toMatch(/^SyncPolicy controls when and how a sync will be performed/);
    expect(schema.definitions['workflows.WorkflowSpec']?.properties?.entrypoint?.description).toMatch(/[Ee]ntrypoint/);
  });
});
