import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../simulator/cli.js';
import { captureIO } from '../../../support/cliIO.js';

const root = mkdtempSync(join(tmpdir(), 'argo-sandbox-lint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const GOOD = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: lib}
spec:
  templates:
  - name: hello
    container: {image: alpine}
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: uses-lib-}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        templateRef: {name: lib, template: hello}
`;
const BAD = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: broken-}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: a, template: x, depends: b}
      - {name: b, template: x, depends: a}
  - name: x
    suspend: {}
`;

async function lint(name: string, text: string) {
  const p = join(root, name);
  writeFileSync(p, text);
  const c = captureIO();
  const code = await main(['lint', p], c.io);
  return { code, out: c.stdout(), err: c.stderr(), p };
}

describe('argo-sandbox lint', () => {
  it('passes valid files whose templateRefs resolve within them', async () => {
    const r = await lint('good.yaml', GOOD);
    expect(r.code).toBe(0);
    expect(r.out).toBe('✔ no linting errors found!\n');
  });
  it('prints each problem like argo lint, with its line, and exits 2', async () => {
    const r = await lint('bad.yaml', BAD);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${r.p}:\n   ✖ in "broken-" (Workflow): templates.main sorting failed: graph with cycle (line 7, spec.templates[0])`);
    expect(r.err).toContain('✖ 1 linting errors found!');
  });
});
