/**
 * Edit → engine diagnostics for a 500-line file: the worker's `validate.lint` (parse, API server dry run of every
 * object, argo lint, Argo CD checks) on a realistic mixed manifest, one run per simulated keystroke. Target < 100 ms
 * (issue 6); monaco-yaml's schema validation runs in parallel in its own worker.
 */
import { performance } from 'node:perf_hooks';
import { EngineHost } from '../../src/worker/engineHost.js';
import { lintText } from '../../src/worker/features/validate.js';
import type { Figure } from './benchmarks.js';

function deployment(i: number): string {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: default
  labels:
    app: web-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web-${i}
  template:
    metadata:
      labels:
        app: web-${i}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
          readinessProbe:
            httpGet:
              path: /
              port: 80
`;
}

function workflow(tasks: number): string {
  const lines = ['---', 'apiVersion: argoproj.io/v1alpha1', 'kind: Workflow', 'metadata:', '  generateName: fan-', '  namespace: default', 'spec:', '  entrypoint: main', '  templates:', '    - name: main', '      dag:', '        tasks:'];
  for (let i = 0; i < tasks; i++) {
    lines.push(`          - name: t${i}`, '            template: echo', ...(i > 0 ? [`            depends: t${i - 1}`] : []), '            arguments:', '              parameters:', `                - {name: msg, value: "step ${i}"}`);
  }
  lines.push('    - name: echo', '      inputs:', '        parameters:', '          - name: msg', '      container:', '        image: busybox', '        command: [echo, "{{inputs.parameters.msg}}"]');
  return lines.join('\n') + '\n';
}

/** A ~500-line file: 12 Deployments (26 lines each) and a 30-task DAG Workflow. */
export function editorFile(): string {
  let text = '';
  for (let i = 0; i < 12; i++) text += deployment(i);
  return text + workflow(30);
}

export interface EditorValidationResult {
  lines: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  diagnostics: number;
}

export function measureEditorValidation(runs = 30): EditorValidationResult {
  const host = new EngineHost();
  host.load('', { file: 'empty.yaml' });
  const base = editorFile();
  const times: number[] = [];
  let diagnostics = 0;
  try {
    for (let i = 0; i < runs + 3; i++) {
      // Each run is a different text, like a keystroke (no caching can hide the work).
      const text = base.replace('replicas: 2', `replicas: ${2 + i}`);
      const t0 = performance.now();
      diagnostics = lintText(host.world, 'cluster/bench.yaml', text).length;
      const ms = performance.now() - t0;
      if (i >= 3) times.push(ms); // the first runs warm the JIT up
    }
  } finally {
    host.dispose();
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { lines: base.split('\n').length, runs, medianMs: at(0.5), p95Ms: at(0.95), diagnostics };
}

/** The figure for the quality harness: median ms from an edit to the engine's markers for a 500-line file. */
export function benchEditorValidation(runs = 30): Figure[] {
  const r = measureEditorValidation(runs);
  return [
    { benchmark: `editor validation: ${r.lines}-line file, worker lint (median)`, figure: Math.round(r.medianMs * 10) / 10, unit: 'ms', target: 100, valid: r.diagnostics === 0 && r.lines >= 450 },
    { benchmark: `editor validation: ${r.lines}-line file, worker lint (p95)`, figure: Math.round(r.p95Ms * 10) / 10, unit: 'ms' },
  ];
}
