/**
 * App-of-apps cycles: an app whose manifests include an Application that (through the tracking
 * annotations of live Applications) is one of its own parents. Argo CD has no guard and such apps keep
 * re-applying each other; the sandbox reports it as an InvalidSpecError, which stops their syncs. An app
 * that manages its own Application object (self-reference) is allowed, as upstream.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import { groupOf } from '../../cluster/types.js';
import type { KubeObject } from '../../cluster/types.js';
import { trackedInstance } from './live.js';
import type { ControllerSettings } from './settings.js';
import type { AppCondition } from './types.js';

const MAX_DEPTH = 64;

function instanceKey(instance: string, controlNs: string): { namespace: string; name: string } {
  const i = instance.indexOf('_');
  return i < 0 ? { namespace: controlNs, name: instance } : { namespace: instance.slice(0, i), name: instance.slice(i + 1) };
}

/** The chain of apps managing `instance` (its parent, the parent's parent…), nearest first. */
function ancestors(store: ObjectStore, instance: string, controlNs: string, settings: ControllerSettings): string[] {
  const chain: string[] = [];
  let current = instance;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const { namespace, name } = instanceKey(current, controlNs);
    const obj = store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace, name });
    const parent = obj ? trackedInstance(obj, settings) : undefined;
    if (parent === undefined || parent === current || chain.includes(parent)) {
      if (parent !== undefined && parent !== current && chain.includes(parent)) chain.push(parent);
      break;
    }
    chain.push(parent);
    current = parent;
  }
  return chain;
}

export function cycleConditions(store: ObjectStore, instance: string, targets: readonly KubeObject[], controlNs: string, settings: ControllerSettings): AppCondition[] {
  const children = targets.filter((t) => t.kind === 'Application' && groupOf(t.apiVersion) === 'argoproj.io');
  if (children.length === 0) return [];
  const up = ancestors(store, instance, controlNs, settings);
  const out: AppCondition[] = [];
  for (const child of children) {
    const ns = child.metadata.namespace ?? controlNs;
    const childInstance = ns === controlNs ? (child.metadata.name ?? '') : `${ns}_${child.metadata.name ?? ''}`;
    if (childInstance === instance) continue;
    const at = up.indexOf(childInstance);
    if (at < 0) continue;
    const path = [childInstance, ...up.slice(0, at).reverse(), instance, childInstance].map((n) => n.replace('_', '/'));
    out.push({ type: 'InvalidSpecError', message: `application ${instance.replace('_', '/')} is part of a cycle of applications: ${path.join(' -> ')}` });
  }
  return out;
}
