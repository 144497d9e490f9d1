/** The editor's engine diagnostics: each problem at its line, from the parser, the API server's dry run, argo lint and Argo CD. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import type { EditorDiagnostic } from '../../../src/worker/features/validate.js';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

function lint(path: string, text: string): EditorDiagnostic[] {
  return host!.call('validate', 'lint', [path, text]) as EditorDiagnostic[];
}

const WORKFLOW = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: hello-
  namespace: default
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: say
            template: whalesay
    - name: echo
      container:
        image: busybox
`;

describe('validate.lint', () => {
  it('puts a YAML syntax error at its line, from the parser', () => {
    host = new EngineHost();
    host.load('', { file: 'empty.yaml' });
    const d = lint('cluster/bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [a\n');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', source: 'yaml' });
    expect(d[0]!.line).toBeGreaterThanOrEqual(5);
    expect(d[0]!.message).toContain('error converting YAML to JSON');
  });

  it("reports the API server's dry-run refusal at the offending field, and creates nothing", () => {
    host = new EngineHost();
    host.load('', { file: 'empty.yaml' });
    const before = host.world.store.dump();
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web_App\n  namespace: default\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx\n';
    const d = lint('cluster/deploy.yaml', text);
    const name = d.find((x) => x.path === 'metadata.name');
    expect(name).toMatchObject({ line: 4, severity: 'error', source: 'kube-apiserver' });
    expect(name!.message).toContain('Web_App');
    expect(host.world.store.dump().rv).toBe(before.rv);
    expect(host.world.store.dump().objects.length).toBe(before.objects.length);
  });

  it('reports an unknown template with argo lint at the step that names it', () => {
    host = new EngineHost();
    host.load('', { file: 'empty.yaml' });
    const d = lint('cluster/wf.yaml', WORKFLOW);
    const bad = d.find((x) => x.source === 'argo lint');
    expect(bad, JSON.stringify(d)).toBeDefined();
    expect(bad!.message).toContain('whalesay');
    expect(bad!.line).toBe(12);
    expect(bad!.path).toBe('spec.templates[0].steps[0][0].template');
    // A fixed reference lints clean.
    expect(lint('cluster/wf.yaml', WORKFLOW.replace('template: whalesay', 'template: echo'))).toEqual([]);
  });

  it('gives the random numbers back: linting does not change what the world draws next', () => {
    host = new EngineHost();
    host.load('', { file: 'empty.yaml' });
    const before = host.world.rng.getState();
    lint('cluster/wf.yaml', WORKFLOW.replace('template: whalesay', 'template: echo'));
    expect(host.world.rng.getState()).toEqual(before);
  });

  it("warns with Argo CD's InvalidSpecError for an Application whose project does not exist", () => {
    host = new EngineHost();
    host.load('', { file: 'empty.yaml' });
    const app = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: guestbook\n  namespace: argocd\nspec:\n  project: nope\n  source:\n    repoURL: https://git.example.com/guestbook.git\n    path: app\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: default\n';
    const d = lint('cluster/app.yaml', app);
    expect(d).toContainEqual(expect.objectContaining({ severity: 'warning', source: 'argocd', line: 7, path: 'spec.project' }));
    expect(d.find((x) => x.source === 'argocd')!.message).toContain('Application referencing project nope which does not exist');
    expect(lint('cluster/app.yaml', app.replace('project: nope', 'project: default'))).toEqual([]);
  });
});

describe('the editor benchmark file', () => {
  it('is a valid 500-line manifest (the benchmark measures a clean lint, not error paths)', async () => {
    const { editorFile } = await import('../../bench/editorValidation.js');
    host = new EngineHost();
    host.load('', { file: 'empty.yaml' });
    const text = editorFile();
    expect(text.split('\n').length).toBeGreaterThanOrEqual(500);
    expect(lint('cluster/bench.yaml', text)).toEqual([]);
  });
});
