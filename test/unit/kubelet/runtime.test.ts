import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { expandKubeVars, imageDigest, normalizeImage, planContainer } from '../../../simulator/runtime/index.js';
import type { ContainerInput } from '../../../simulator/runtime/index.js';

interface Case {
  name: string;
  container: Omit<ContainerInput, 'startTime'>;
  plan: { lines?: string[]; exitCode?: number; durationMs?: number; forever?: boolean; handlesSigterm?: boolean; memoryBytes?: number; memoryAtMs?: number };
}

const cases = load(readFileSync(fileURLToPath(new URL('./fixtures/runtime.cases.yaml', import.meta.url)), 'utf8')) as Case[];
const START = Date.UTC(2025, 0, 1);

describe('runtime: planContainer', () => {
  for (const c of cases) {
    it(c.name, () => {
      const plan = planContainer({ ...c.container, startTime: START });
      const { lines, ...rest } = c.plan;
      if (lines) expect(plan.lines.map((l) => `${l.offsetMs} ${l.text}`)).toEqual(lines);
      expect(plan).toMatchObject(rest);
    });
  }

  it('is pure: the same input gives the same plan', () => {
    const input = { image: 'busybox:1.36', command: ['sh', '-c', 'echo a; sleep 2; date'], startTime: START };
    expect(planContainer(input)).toEqual(planContainer(input));
  });
});

describe('runtime: names', () => {
  it('normalizes image references like containerd', () => {
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.25')).toBe('docker.io/library/nginx:1.25');
    expect(normalizeImage('argoproj/argosay:v2')).toBe('docker.io/argoproj/argosay:v2');
    expect(normalizeImage('quay.io/argoproj/argocd:v2.9.0')).toBe('quay.io/argoproj/argocd:v2.9.0');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(imageDigest('nginx:1.25')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(imageDigest('nginx:1.25')).not.toBe(imageDigest('nginx:1.26'));
  });

  it('expands $(VAR) the Kubernetes way', () => {
    const env = new Map([['A', '1']]);
    expect(expandKubeVars('$(A)-$(B)-$$(A)-$$-$', env)).toBe('1-$(B)-$(A)-$-$');
  });
});
