/** The terminal's kubectl / argocd / argo subset against the sandbox, and the read vs write split. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import { isMutating, parseCommand, words } from '../../../src/worker/features/terminal/parse.js';
import type { TerminalResult } from '../../../src/worker/features/terminal.js';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

const read = (line: string, user = 'admin') => host!.call('terminal', 'exec', [line, user]) as TerminalResult;
const write = (line: string, user = 'admin') => host!.call('terminal', 'run', [line, user]) as TerminalResult;

const SCENARIO = `apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: demo
data:
  color: blue
---
apiVersion: batch/v1
kind: Job
metadata:
  name: hello
  namespace: demo
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
          command: ["sh", "-c", "echo hello from the job"]
`;

describe('terminal parsing', () => {
  it('splits words like a shell and reads kubectl-style flags', () => {
    expect(words(`kubectl get cm -n demo -o "yaml"`)).toEqual(['kubectl', 'get', 'cm', '-n', 'demo', '-o', 'yaml']);
    expect(parseCommand('kubectl get pods -A -owide --selector=app=web')).toEqual({ tool: 'kubectl', args: ['get', 'pods'], flags: { 'all-namespaces': true, output: 'wide', selector: 'app=web' } });
    expect(parseCommand('argocd app sync guestbook --prune --dry-run').flags).toEqual({ prune: true, 'dry-run': true });
    expect(() => words('echo "open')).toThrow('unterminated " quote');
  });

  it('tells world-changing commands from reads', () => {
    expect(['kubectl delete pod x', 'argocd app sync guestbook', 'argo resume wf', 'argocd app rollback g 1'].map(isMutating)).toEqual([true, true, true, true]);
    expect(['kubectl get pods', 'argocd app list', 'argo get wf', 'help', ''].map(isMutating)).toEqual([false, false, false, false, false]);
  });
});

describe('terminal feature', () => {
  it('prints kubectl get tables, YAML, describe with events, and logs', async () => {
    host = new EngineHost();
    host.load(SCENARIO, { file: 'scenario.yaml' });
    await host.advance(30_000);
    const cms = read('kubectl get configmaps -n demo').output.split('\n');
    expect(cms[0]).toMatch(/^NAME\s+DATA\s+AGE$/);
    expect(cms.some((l) => /^settings\s+1\s+30s$/.test(l))).toBe(true);
    expect(read('kubectl get cm settings -n demo -o yaml').output).toMatch(/^apiVersion: v1\ndata:\n  color: blue\nkind: ConfigMap\n/);
    expect(read('kubectl get jobs -A').output.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+STATUS\s+COMPLETIONS/);
    expect(read('kubectl get pods').output).toBe('No resources found in default namespace.');
    const pod = read('kubectl get pods -n demo -o name').output;
    expect(pod).toMatch(/^pod\/hello-[a-z0-9]{5}$/);
    expect(read(`kubectl logs ${pod} -n demo`).output).toBe('hello from the job');
    const describe = read('kubectl describe job hello -n demo').output;
    expect(describe).toMatch(/^Name:\s+hello\nNamespace:\s+demo\n/);
    expect(describe).toMatch(/Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n\s+Normal\s+SuccessfulCreate/);
    expect(read('kubectl get nope')).toEqual({ output: 'error: the server doesn\'t have a resource type "nope"', error: true });
    expect(read('kubectl get cm missing -n demo').output).toBe('Error from server (NotFound): configmaps "missing" not found');
    expect(read('kubectl delete cm settings -n demo').error).toBe(true);
    expect(host.journal()).toEqual([]);
    expect(write('kubectl delete cm settings -n demo').output).toBe('configmap "settings" deleted');
    expect(host.world.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name: 'settings' })).toBeUndefined();
    expect(host.journal().map((e) => e.method)).toEqual(['run']);
    expect(read('frobnicate').output).toMatch(/^frobnicate: command not found\nCommands/);
  });

  it('runs argocd app list / get / sync as the chosen user', async () => {
    host = new EngineHost();
    host.load('', { file: 'empty.yaml' });
    await host.call('apps', 'addExample', []);
    await host.advance(5_000);
    const list = read('argocd app list').output.split('\n');
    expect(list[0]).toMatch(/^NAME\s+CLUSTER\s+NAMESPACE\s+PROJECT\s+STATUS\s+HEALTH\s+SYNCPOLICY/);
    expect(list[1]).toMatch(/^argocd\/guestbook\s+https:\/\/kubernetes\.default\.svc\s+guestbook\s+default\s+OutOfSync\s+Missing\s+Manual/);
    expect(write('argocd app sync guestbook').output).toMatch(/^Operation started on argocd\/guestbook/);
    await host.advance(60_000);
    const get = read('argocd app get guestbook').output;
    expect(get).toMatch(/Sync Status:\s+Synced to HEAD \([0-9a-f]{7}\)/);
    expect(get).toMatch(/apps\s+Deployment\s+guestbook\s+guestbook-ui\s+Synced\s+Healthy/);
    expect(write('argocd app sync guestbook', 'nobody')).toEqual({ output: 'FATA[0000] rpc error: code = Unauthenticated desc = Invalid username or password', error: true });
  });
});
