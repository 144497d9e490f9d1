/**
 * Memoization in the operator (operator.go executeTemplate + podReconciliation): before a memoized
 * template's node is created its cache entry is loaded; a fresh hit makes the node Succeeded at once
 * with the cached outputs and no pod; a miss runs it, and when the node succeeds its outputs are saved.
 * Either way the node carries `memoizationStatus: {hit, key, cacheName}`.
 * Wired as a wrapper around the leaf executors plus a step after pod reconciliation.
 */
import type { Woc } from '../controller/woc.js';
import type { Executor } from '../executors/types.js';
import type { NodeStatus } from '../nodes/types.js';
import { liveCount } from '../controller/phase.js';
import { fresh, loadEntry, saveEntry } from './cache.js';
import type { CacheContext, MemoizationStatus, Memoize } from './cache.js';

export type MemoNode = NodeStatus & { memoizationStatus?: MemoizationStatus };

function cacheContext(woc: Woc): CacheContext {
  return { store: woc.ctx.store, namespace: woc.namespace, now: woc.now(), iso: (ms) => woc.iso(ms) };
}

function saveNode(woc: Woc, node: MemoNode): void {
  const m = node.memoizationStatus;
  if (!m || m.hit || node.phase !== 'Succeeded' || node.taskResultSynced === false) return;
  try {
    saveEntry(cacheContext(woc), m.cacheName, m.key, node.id, node.outputs);
    woc.ctx.record({
      involvedObject: { kind: 'Workflow', namespace: woc.namespace, name: woc.name },
      reason: 'MemoizationSaved',
      message: `${node.name}: outputs saved to cache ${m.cacheName} under key ${m.key}`,
      why: 'A memoized step that succeeds stores its outputs so later runs with the same key can skip it.',
    });
  } catch (e) {
    woc.markNode(node, 'Error', e instanceof Error ? e.message : String(e));
  }
}

/** The executor with memoization in front of it. */
export function withMemoization(inner: Executor): Executor {
  return {
    ...inner,
    execute(woc, req) {
      const m = req.tmpl.memoize as Memoize | undefined;
      if (!m || woc.byName(req.nodeName)) {
        const before = woc.byName(req.nodeName)?.phase;
        const node = inner.execute(woc, req) as MemoNode;
        if (before !== 'Succeeded' && node.phase === 'Succeeded') saveNode(woc, node);
        return node;
      }
      const key = m.key ?? '';
      const cacheName = m.cache?.configMap?.name ?? '';
      const init = {
        templateName: req.orgTmpl.template ?? (req.orgTmpl.templateRef ? undefined : req.tmpl.name),
        templateRef: req.orgTmpl.templateRef,
        templateScope: req.templateScope,
        boundaryID: req.boundaryID,
        nodeFlag: req.nodeFlag,
      };
      let hit = false;
      let outputs;
      try {
        const entry = loadEntry(cacheContext(woc), cacheName, key);
        hit = entry !== undefined && fresh(entry, m.maxAge, woc.now());
        outputs = entry?.outputs;
      } catch (e) {
        return woc.initNode(req.nodeName, 'Pod', 'Error', { ...init, message: e instanceof Error ? e.message : String(e) });
      }
      const status: MemoizationStatus = { hit, key, cacheName };
      if (hit) {
        const node = woc.initNode(req.nodeName, 'Pod', 'Succeeded', init) as MemoNode;
        if (outputs) node.outputs = outputs;
        node.memoizationStatus = status;
        woc.ctx.record({
          involvedObject: { kind: 'Workflow', namespace: woc.namespace, name: woc.name },
          reason: 'MemoizationHit',
          message: `${req.nodeName}: cache ${cacheName} hit for key ${key}`,
          why: 'The memoization cache already holds outputs for this key, so the step is not run again (no pod).',
        });
        return node;
      }
      const node = inner.execute(woc, req) as MemoNode;
      node.memoizationStatus = status;
      woc.updated = true;
      if (node.phase === 'Succeeded') saveNode(woc, node);
      return node;
    },
  };
}

/** Phases of memoized, unsaved nodes before pod reconciliation. */
export function memoPhases(woc: Woc): Map<string, string> {
  const out = new Map<string, string>();
  // No such node (the stored map's tally says so): no walk over every node.
  if (liveCount(woc, 'memo') === 0) return out;
  for (const n of woc.nodeList() as MemoNode[]) {
    if (n.memoizationStatus && !n.memoizationStatus.hit) out.set(n.id, `${n.phase}/${String(n.taskResultSynced)}`);
  }
  return out;
}

/** After pod reconciliation: save the outputs of memoized nodes that have just succeeded. */
export function saveMemoized(woc: Woc, before: Map<string, string>): void {
  for (const [id, was] of before) {
    const n = woc.get(id) as MemoNode | undefined;
    if (!n || `${n.phase}/${String(n.taskResultSynced)}` === was) continue;
    saveNode(woc, n);
  }
}
