/**
 * Workflow volumes (operator.go createPVCs / deletePVCs, workflowpod.go addVolumeReferences):
 * `spec.volumeClaimTemplates` become PVCs `<workflow>-<claim>` owned by the workflow and listed in
 * `status.persistentVolumeClaims`; a pod gets exactly the volumes its containers mount.
 */
import type { JsonObject } from '../../cluster/types.js';
import { isObj } from '../../cluster/types.js';
import { ApiError } from '../../core/errors.js';
import type { Woc } from '../controller/woc.js';
import { LABEL_WORKFLOW } from '../controller/names.js';
import { WF_API_VERSION } from '../crds/index.js';
import type { Container, Template } from '../nodes/types.js';

const PVC = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' } as const;
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';

interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
  [field: string]: unknown;
}

function claims(woc: Woc): Volume[] {
  const v = woc.status.persistentVolumeClaims;
  return Array.isArray(v) ? (v as Volume[]) : [];
}

/**
 * createPVCs: once per workflow, while Pending or Running. Returns an error message (the workflow
 * fails with `pvc create error: …`) or undefined.
 */
export function createPVCs(woc: Woc): string | undefined {
  if (woc.status.phase !== 'Pending' && woc.status.phase !== 'Running') return undefined;
  const templates = (woc.spec.volumeClaimTemplates ?? []) as { metadata?: { name?: string; labels?: Record<string, string> } }[];
  const done = claims(woc);
  if (templates.length === done.length) return undefined;
  const out: Volume[] = [];
  for (const [i, t] of templates.entries()) {
    const refName = t.metadata?.name;
    if (!refName) return `volumeClaimTemplates[${i}].metadata.name is required`;
    const pvcName = `${woc.name}-${refName}`;
    const uid = woc.wf.metadata.uid;
    const pvc = {
      ...(JSON.parse(JSON.stringify(t)) as JsonObject),
      ...PVC,
      metadata: {
        ...(t.metadata ?? {}),
        name: pvcName,
        namespace: woc.namespace,
        labels: { ...(t.metadata?.labels ?? {}), [LABEL_WORKFLOW]: woc.name },
        ownerReferences: [{ apiVersion: WF_API_VERSION, kind: 'Workflow', name: woc.name, uid, controller: true, blockOwnerDeletion: true }],
      },
    };
    try {
      woc.ctx.store.create(pvc, { fieldManager: 'workflow-controller' });
    } catch (e) {
      if (!(e instanceof ApiError) || e.status.reason !== 'AlreadyExists') return e instanceof Error ? e.message : String(e);
      // A retried workflow re-uses its own claim; someone else's is refused.
      const existing = woc.ctx.store.get({ ...PVC, namespace: woc.namespace, name: pvcName });
      const owned = (existing?.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
      if (!owned) return `${pvcName} pvc already exists with different ownerreference`;
    }
    out.push({ name: refName, persistentVolumeClaim: { claimName: pvcName } });
  }
  woc.status.persistentVolumeClaims = out as unknown as JsonObject[];
  woc.updated = true;
  return undefined;
}

/** deletePVCs: on completion (OnWorkflowCompletion, the default) or only on success (OnWorkflowSuccess). */
export function deletePVCs(woc: Woc): void {
  const gc = isObj(woc.spec.volumeClaimGC) ? (woc.spec.volumeClaimGC as { strategy?: string }).strategy : undefined;
  const strategy = gc || 'OnWorkflowCompletion';
  if (strategy === 'OnWorkflowSuccess' && woc.status.phase !== 'Succeeded') return;
  if (strategy !== 'OnWorkflowSuccess' && strategy !== 'OnWorkflowCompletion') return;
  const list = claims(woc);
  if (list.length === 0) return;
  for (const v of list) {
    const name = v.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const ref = { ...PVC, namespace: woc.namespace, name };
    try {
      woc.ctx.store.delete(ref);
      // ARGO_REMOVE_PVC_PROTECTION_FINALIZER (default on): the claim goes at once, not when its last pod is gone.
      const left = woc.ctx.store.get(ref);
      const fins = left?.metadata.finalizers ?? [];
      if (left && fins.includes(PVC_PROTECTION)) woc.ctx.store.patch(ref, 'merge', { metadata: { finalizers: fins.filter((f) => f !== PVC_PROTECTION) } });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
  delete woc.status.persistentVolumeClaims;
  woc.updated = true;
}

/** Volume mounts of the user's containers (main, init containers, sidecars) that reference pod volumes. */
function userMounts(main: Container, tmpl: Template): { name: string }[] {
  const out: { name: string }[] = [];
  const add = (c: object): void => {
    const mounts = (c as { volumeMounts?: unknown }).volumeMounts;
    if (Array.isArray(mounts)) for (const m of mounts) if (isObj(m) && typeof m.name === 'string') out.push({ name: m.name });
  };
  add(main);
  if (tmpl.containerSet) add(tmpl.containerSet);
  for (const c of tmpl.initContainers ?? []) add(c);
  for (const c of tmpl.sidecars ?? []) add(c);
  return out;
}

/**
 * addVolumeReferences: each mounted volume, looked up in the template's volumes, then the workflow's,
 * then its claims. Throws `volume 'x' not found in workflow spec` for an unknown name.
 */
export function referencedVolumes(woc: Woc, main: Container, tmpl: Template, have: readonly JsonObject[]): JsonObject[] {
  // Nothing mounts anything (most pods): no lists to build.
  if (!Array.isArray(main.volumeMounts) && !tmpl.containerSet && !tmpl.initContainers?.length && !tmpl.sidecars?.length) return [];
  const sources = [(tmpl.volumes ?? []) as Volume[], (woc.spec.volumes ?? []) as Volume[], claims(woc)];
  const names = new Set(have.map((v) => String(v.name)));
  const out: JsonObject[] = [];
  for (const m of userMounts(main, tmpl)) {
    if (names.has(m.name)) continue;
    let vol: Volume | undefined;
    for (const list of sources) if ((vol = list.find((v) => isObj(v) && v.name === m.name))) break;
    if (!vol) throw new Error(`volume '${m.name}' not found in workflow spec`);
    names.add(m.name);
    out.push(vol as unknown as JsonObject);
  }
  return out;
}
