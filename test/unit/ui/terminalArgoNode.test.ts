/** `argo node set` in the Terminal: supplied outputs of a suspend node, checked and worded like the argo CLI. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import { isMutating, parseCommand } from '../../../src/worker/features/terminal/parse.js';
import type { TerminalResult } from '../../../src/worker/features/terminal.js';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

const run = (line: string) => host!.call('terminal', 'run', [line]) as TerminalResult;
const read = (line: string) => host!.call('terminal', 'exec', [line]) as TerminalResult;

const GATE = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: gate, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: approve, template: approve}
    - - name: release
        template: print
        arguments: {parameters: [{name: message, value: "{{steps.approve.outputs.parameters.message}}"}, {name: who, value: "{{steps.approve.outputs.parameters.who}}"}]}
  - name: approve
    suspend: {}
    outputs:
      parameters:
      - {name: message, valueFrom: {supplied: {}}}
      - {name: who, valueFrom: {supplied: {}}}
  - name: print
    inputs: {parameters: [{name: message}, {name: who}]}
    container: {image: busybox, command: [echo], args: ["{{inputs.parameters.message}} by {{inputs.parameters.who}}"]}
`;

interface Node {
  displayName?: string;
  phase?: string;
  message?: string;
  inputs?: { parameters?: { name: string; value?: string }[] };
  outputs?: { parameters?: { name: string; value?: string }[] };
}

function node(display: string): Node | undefined {
  const wf = host!.world.store.get({ group: 'argoproj.io', kind: 'Workflow', namespace: 'default', name: 'gate' });
  const nodes = ((wf?.status ?? {}) as { nodes?: Record<string, Node> }).nodes ?? {};
  return Object.values(nodes).find((n) => n.displayName === display);
}

async function start(): Promise<void> {
  host = new EngineHost();
  host.load(GATE, { file: 'gate.yaml' });
  await host.advance(10_000);
  expect(node('approve')?.phase).toBe('Running');
}

describe('argo node set (terminal)', () => {
  it('parses repeated --output-parameter flags in order and is a journaled write', () => {
    const c = parseCommand('argo node set gate --output-parameter a=1 --output-parameter=b="x y" -m hi --node-field-selector displayName=approve');
    expect(c.args).toEqual(['node', 'set', 'gate']);
    expect(c.lists).toEqual({ 'output-parameter': ['a=1', 'b=x y'] });
    expect(c.flags).toMatchObject({ message: 'hi', 'node-field-selector': 'displayName=approve' });
    expect(isMutating('argo node set gate --message x')).toBe(true);
  });

  it('sets several supplied outputs and a message; after resume the next step receives them', async () => {
    await start();
    const out = run(`argo node set gate --output-parameter message="Hello, world!" --output-parameter 'who="ops"' --message 'approved by ops' --node-field-selector displayName=approve`);
    expect(out).toEqual({ output: 'workflow values set' });
    const approve = node('approve')!;
    expect(approve.phase).toBe('Running'); // setting values does not resume
    expect(approve.message).toBe('approved by ops');
    expect(approve.outputs?.parameters).toEqual([
      { name: 'message', value: 'Hello, world!' },
      { name: 'who', value: 'ops' }, // a Go-quoted value is unquoted, like strconv.Unquote in the CLI
    ]);
    expect(run('argo resume gate').output).toBe('workflow gate resumed');
    await host!.advance(60_000);
    expect(node('release')?.inputs?.parameters).toEqual([
      { name: 'message', value: 'Hello, world!' },
      { name: 'who', value: 'ops' },
    ]);
  });

  it('--phase Succeeded completes the suspend node (the workflow goes on)', async () => {
    await start();
    expect(run('argo node set gate --phase Succeeded --output-parameter message=m --output-parameter who=w --node-field-selector displayName=approve').output).toBe('workflow values set');
    await host!.advance(60_000);
    expect(node('approve')?.phase).toBe('Succeeded');
    expect(node('release')?.inputs?.parameters?.map((p) => p.value)).toEqual(['m', 'w']);
  });

  it('--phase Error ends the suspend node in Error and the workflow with it', async () => {
    await start();
    expect(run('argo node set gate --phase Error --message rejected --node-field-selector displayName=approve').output).toBe('workflow values set');
    await host!.advance(60_000);
    expect(node('approve')?.phase).toBe('Error');
    expect(node('approve')?.message).toBe('rejected');
    expect(node('release')).toBeUndefined();
  });

  it('refuses bad input with the argo CLI wording, changing nothing', async () => {
    await start();
    const fail = (line: string) => {
      const r = run(line);
      expect(r.error).toBe(true);
      return r.output;
    };
    expect(fail('argo node set')).toMatch(/^Error: requires at least 2 arg\(s\), only received 1\nUsage:/);
    expect(fail('argo node get gate x')).toBe("FATA[0000] unknown action 'get'");
    expect(fail('argo node set gate --output-parameter novalue --node-field-selector displayName=approve')).toBe('FATA[0000] expected parameter of the form: NAME=VALUE. Received: novalue');
    expect(fail('argo node set gate --phase Running --node-field-selector displayName=approve')).toBe('FATA[0000] Running is an invalid phase to set to');
    expect(fail('argo node set gate --node-field-selector displayName')).toMatch(/^FATA\[0000\] unable to parse node field selector 'displayName': /);
    expect(fail('argo node set nope --message m --node-field-selector displayName=approve')).toBe('FATA[0000] workflows.argoproj.io "nope" not found');
    expect(fail('argo node set gate --message m')).toBe("FATA[0000] 'set' currently only targets suspend nodes, use a node field selector to target them");
    expect(fail('argo node set gate --message m --node-field-selector displayName=release')).toBe('FATA[0000] currently, set only targets suspend nodes: no suspend nodes matching nodeFieldSelector: displayName=release');
    expect(fail('argo node set gate --output-parameter other=1 --node-field-selector displayName=approve')).toBe("FATA[0000] node is not expecting output parameter 'other'");
    expect(node('approve')?.message).toBeUndefined();
    expect(node('approve')?.outputs?.parameters?.every((p) => p.value === undefined)).toBe(true);
    // A read-only query refuses it (the UI sends it as an action).
    expect(read('argo node set gate --message m --node-field-selector displayName=approve').error).toBe(true);
  });
});
