/**
 * `argo node set WORKFLOW --output-parameter k=v … --node-field-selector displayName=approve [--message M] [--phase P]`:
 * what the argo CLI's `node` command checks before it calls SetWorkflow, then the engine's `setOutputs`.
 */
import { parseFieldSelector, workflowActions } from '../../../../simulator/workflows/actions/index.js';
import type { NodeValues } from '../../../../simulator/workflows/actions/index.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';
import type { Command } from './parse.js';

export const NODE_USAGE = [
  'Usage:',
  '  argo node ACTION WORKFLOW FLAGS [flags]',
  '',
  'Examples:',
  '  argo node set my-wf --output-parameter parameter-name="Hello, world!" --node-field-selector displayName=approve',
  '  argo node set my-wf --message "We did it!" --node-field-selector displayName=approve',
  '',
  'Flags:',
  '  -m, --message string               Set the message of a node',
  '      --node-field-selector string   Selector of node to set, eg: --node-field-selector inputs.parameters.myparam.value=abc',
  '      --output-parameter stringArray Set a "supplied" output parameter of node, eg: --output-parameter parameter-name="Hello, world!"',
  '      --phase string                 Phase to set the node to, eg: --phase Succeeded',
  '  -n, --namespace string             the namespace (default "default")',
].join('\n');

/** The argo CLI prints a failed command through logrus' Fatal. */
const fatal = (message: string) => new Error(`FATA[0000] ${message}`);

/** strconv.Unquote when the value is a Go-quoted string, else the value as given (like the CLI). */
function unquote(v: string): string {
  if (/^".*"$/s.test(v)) {
    try {
      const s: unknown = JSON.parse(v);
      if (typeof s === 'string') return s;
    } catch {
      /* not a valid quoted string: taken literally */
    }
  }
  if (/^`[^`]*`$/.test(v)) return v.slice(1, -1);
  return v;
}

const str = (v: string | true | undefined): string => (typeof v === 'string' ? v : '');

export function argoNode(world: Sandbox, c: Command, namespace: string): string {
  // c.args = ['node', ACTION, WORKFLOW, …]; cobra.MinimumNArgs(2) counts ACTION and WORKFLOW.
  const args = c.args.slice(1);
  if (args.length < 2) throw new Error(`Error: requires at least 2 arg(s), only received ${args.length}\n${NODE_USAGE}`);
  if (args[0] !== 'set') throw fatal(`unknown action '${args[0]}'`);
  const name = args[1]!;

  const outputParameters: Record<string, string> = {};
  const given = c.lists?.['output-parameter'] ?? (typeof c.flags['output-parameter'] === 'string' ? [c.flags['output-parameter']] : []);
  for (const param of given) {
    const eq = param.indexOf('=');
    if (eq < 0) throw fatal(`expected parameter of the form: NAME=VALUE. Received: ${param}`);
    outputParameters[param.slice(0, eq)] = unquote(param.slice(eq + 1));
  }

  const selector = str(c.flags['node-field-selector']);
  try {
    parseFieldSelector(selector);
  } catch (e) {
    throw fatal(`unable to parse node field selector '${selector}': ${e instanceof Error ? e.message : String(e)}`);
  }

  const phase = str(c.flags.phase);
  // The server accepts Succeeded, Failed, Error or nothing (workflow_server.go SetWorkflow).
  if (phase !== '' && phase !== 'Succeeded' && phase !== 'Failed' && phase !== 'Error') throw fatal(`${phase} is an invalid phase to set to`);

  const values: NodeValues = {};
  if (Object.keys(outputParameters).length > 0) values.outputParameters = outputParameters;
  const message = str(c.flags.message);
  if (message) values.message = message;
  if (phase) values.phase = phase;

  if (!world.store.get({ group: 'argoproj.io', kind: 'Workflow', namespace, name })) throw fatal(`workflows.argoproj.io "${name}" not found`);
  try {
    workflowActions(world, namespace).setOutputs(name, selector, values);
  } catch (e) {
    throw fatal(e instanceof Error ? e.message : String(e));
  }
  return 'workflow values set';
}
