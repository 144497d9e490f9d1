/** validateDAG: task names, dependencies (depends / dependencies), ordering, targets, references. */
import { isObj } from '../../cluster/types.js';
import { fail, list, str, wrap, dict } from './context.js';
import type { Base, Dict, LintCtx } from './context.js';
import { fieldNamesError, isParameter } from './names.js';
import { addItemsToScope, addOutputsToScope } from './scope.js';
import { validateArguments, validateHooks, validateNonLeaf, validateTemplateHolder } from './template.js';
import { jsonText, unresolved } from './variables.js';
import type { Scope } from './variables.js';

const TASK_NAME = /([a-zA-Z0-9][-a-zA-Z0-9]*?\.[A-Z][a-zA-Z]+)|([a-zA-Z0-9][-a-zA-Z0-9]*)/g;
const TASK_RESULT = /([a-zA-Z0-9][-a-zA-Z0-9]*?\.[A-Z][a-zA-Z]+)/g;
const RESULTS = new Set(['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned', 'AnySucceeded', 'AllFailed']);

/** GetTaskDependencies: task names in `depends` (or `dependencies` joined by &&), and whether an items result is used. */
export function taskDependencies(task: Dict): Map<string, 'task' | 'items'> {
  const depends = str(task.depends) || list(task.dependencies).map(str).join(' && ');
  const out = new Map<string, 'task' | 'items'>();
  for (const m of depends.matchAll(TASK_NAME)) {
    if (m[1]) {
      const [name, result] = m[1].split('.');
      if (result === 'AnySucceeded' || result === 'AllFailed') out.set(name, 'items');
      else if (!out.has(name)) out.set(name, 'task');
    } else if (m[2]) out.set(m[2], out.get(m[2]) ?? 'task');
  }
  return out;
}

/** sorting.TopologicalSorting's failures (the operator's DAG validation reports these). */
function sortError(tasks: Dict[], deps: Map<string, Map<string, 'task' | 'items'>>): string | undefined {
  const names = new Set<string>();
  for (const t of tasks) {
    if (names.has(str(t.name))) return `duplicated nodeName ${str(t.name)}`;
    names.add(str(t.name));
  }
  const prior = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const t of tasks) {
    const d = [...(deps.get(str(t.name)) ?? new Map()).keys()];
    prior.set(str(t.name), d.length);
    for (const x of d) {
      if (!names.has(x)) return `invalid dependency ${x}`;
      const list2 = next.get(x);
      if (list2) list2.push(str(t.name));
      else next.set(x, [str(t.name)]);
    }
  }
  const queue = [...prior].filter(([, n]) => n === 0).map(([k]) => k);
  for (let h = 0; h < queue.length; h++) {
    for (const n of next.get(queue[h]) ?? []) {
      const c = prior.get(n)!;
      if (c === 1) queue.push(n);
      prior.set(n, c - 1);
    }
  }
  return queue.length < tasks.length ? 'graph with cycle' : undefined;
}

function ancestry(name: string, deps: Map<string, Map<string, 'task' | 'items'>>): string[] {
  const seen = new Set<string>();
  const visit = (n: string) => {
    for (const d of deps.get(n)?.keys() ?? []) {
      if (seen.has(d)) continue;
      seen.add(d);
      visit(d);
    }
  };
  visit(name);
  return [...seen];
}

export function validateDag(ctx: LintCtx, scope: Scope, base: Base, tmpl: Dict): void {
  validateNonLeaf(tmpl);
  const tn = str(tmpl.name);
  const dag = dict(tmpl.dag);
  const tasks = list(dag.tasks).filter(isObj);
  if (tasks.length === 0) fail(`templates.${tn} must have at least one task`);
  const usingDepends = tasks.some((t) => str(t.depends) !== '');
  const byName = new Map(tasks.map((t) => [str(t.name), t]));
  const deps = new Map(tasks.map((t) => [str(t.name), taskDependencies(t)]));
  const sortErr = sortError(tasks, deps);
  if (sortErr) fail(`templates.${tn} sorting failed: ${sortErr}`);
  const namesErr = fieldNamesError(tasks, false);
  if (namesErr) fail(`templates.${tn}.tasks${namesErr}`);
  const resolved = new Map<string, Dict | undefined>();
  for (const task of tasks) {
    const name = str(task.name);
    const prefix = (m: string) => `templates.${tn}.tasks.${name} ${m}`;
    if ((usingDepends || list(task.dependencies).length > 0) && /^[0-9]/.test(name)) fail(`templates.${tn}.tasks.${name} name cannot begin with a digit when using either 'depends' or 'dependencies'`);
    if (usingDepends && list(task.dependencies).length > 0) fail(`templates.${tn} cannot use both 'depends' and 'dependencies' in the same DAG template`);
    if (usingDepends && task.continueOn !== undefined) fail(`templates.${tn} cannot use 'continueOn' when using 'depends'. Instead use 'dep-task.Failed'/'dep-task.Errored'`);
    const r = wrap(prefix, () => validateTemplateHolder(ctx, task, base, 'fake'));
    resolved.set(name, r?.tmpl);
    addOutputsToScope(ctx, r?.tmpl, 'tasks', name, scope, list(task.withItems).length > 0 || str(task.withParam) !== '', false);
    for (const m of str(task.depends).matchAll(TASK_RESULT)) {
      const [tname, result] = m[1].split('.');
      if (!RESULTS.has(result)) fail(prefix(`task result '${result}' for task '${tname}' is invalid`));
    }
    for (const [dep, type] of deps.get(name) ?? []) {
      const d = byName.get(dep);
      if (!d) fail(`templates.${tn}.tasks.${name} dependency '${dep}' not defined`);
      else if (type === 'items' && list(d.withItems).length === 0 && !str(d.withParam) && d.withSequence === undefined) {
        fail(`templates.${tn}.tasks.${name} dependency '${dep}' uses an items-based condition such as .AnySucceeded or .AllFailed but does not contain any items`);
      }
    }
  }
  const target = str(dag.target);
  const badTarget = unresolved(scope, ctx.globals, target, ctx.wftValidation);
  if (badTarget) fail(`templates.${tn}.targets ${badTarget}`);
  for (const t of target ? target.split(' ') : []) if (!isParameter(t) && !byName.has(t)) fail(`templates.${tn}.targets: target '${t}' is not defined`);

  for (const task of tasks) {
    const name = str(task.name);
    const prefix = (m: string) => `templates.${tn}.tasks.${name} ${m}`;
    if (task.hooks !== undefined) scope.add(`tasks.${name}.status`);
    // (upstream adds every task's outputs to the scope again here: the first loop already did)
    // What only this task may reference (its ancestors' status, loop items, inline inputs), over the shared scope.
    const taskScope: Scope = new Set();
    // Ancestors matter only to a task with tags (their globals were added by the first loop): a big
    // fan-in's ancestry is not walked for nothing.
    const text = jsonText(task);
    const ancestors = text.includes('{{') ? ancestry(name, deps) : [];
    for (const a of ancestors) {
      const at = byName.get(a) ?? {};
      addOutputsToScope(ctx, resolved.get(a), 'tasks', a, taskScope, list(at.withItems).length > 0 || str(at.withParam) !== '', true);
    }
    if (isObj(task.inline)) for (const p of list(dict(task.inline.inputs).parameters).filter(isObj)) taskScope.add(`inputs.parameters.${str(p.name)}`);
    const itemsErr = addItemsToScope(task, taskScope);
    if (itemsErr) fail(prefix(itemsErr));
    const bad = unresolved([scope, taskScope], ctx.globals, text, ctx.wftValidation);
    if (bad) fail(prefix(bad));
    const args = dict(task.arguments);
    validateArguments(`templates.${tn}.tasks.${name}.arguments.`, args, false);
    const anc = new Set(ancestors);
    for (const p of list(args.parameters).filter(isObj)) {
      const v = str(p.value);
      if (v.startsWith('{{tasks.') && !anc.has(v.split('.')[1])) fail(prefix(`missing dependency '${v.split('.')[1]}' for parameter '${str(p.name)}'`));
    }
    for (const a of list(args.artifacts).filter(isObj)) {
      const f = str(a.from);
      if (f.startsWith('{{tasks.') && !anc.has(f.split('.')[1])) fail(prefix(`missing dependency '${f.split('.')[1]}' for artifact '${str(a.name)}'`));
    }
    wrap(prefix, () => validateTemplateHolder(ctx, task, base, args));
  }
}
