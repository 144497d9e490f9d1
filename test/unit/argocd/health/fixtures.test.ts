/**
 * Golden pairs: every fixtures/<name>.input.yaml object's health must equal the entry named after it in
 * <name>.output.yaml (null = the kind has no health). A sibling <name>.rules.yaml supplies custom rules.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { getResourceHealth, parseHealthRules } from '../../../../simulator/argocd/health/index.js';
import type { HealthRule } from '../../../../simulator/argocd/health/index.js';
import type { KubeObject } from '../../../../simulator/index.js';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const read = (file: string) => readFileSync(`${dir}${file}`, 'utf8');
const names = readdirSync(dir).filter((f) => f.endsWith('.input.yaml')).map((f) => f.slice(0, -'.input.yaml'.length)).sort();

describe.each(names)('%s fixtures', (name) => {
  const inputs = (loadAll(read(`${name}.input.yaml`)) as KubeObject[]).filter(Boolean);
  const expected = load(read(`${name}.output.yaml`)) as Record<string, unknown>;
  const rules: HealthRule[] | undefined = existsSync(`${dir}${name}.rules.yaml`) ? parseHealthRules(load(read(`${name}.rules.yaml`))) : undefined;

  it('pairs every input object with exactly one expected health', () => {
    expect(inputs.map((o) => o.metadata.name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(inputs.map((o) => [o.metadata.name!, o] as const))('%s', (objName, obj) => {
    expect(getResourceHealth(obj, rules) ?? null).toEqual(expected[objName]);
  });
});
