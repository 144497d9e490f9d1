/** StatefulSet revisions: ControllerRevision `<sts>-<hash>` holding the pod template, numbered 1, 2, 3… */
import type { ClusterContext } from '../../../sandbox.js';
import type { JsonValue, StoredObject } from '../../types.js';
import { computeHash, canonicalJson } from '../shared/hash.js';
import { controllerRef } from '../shared/pods.js';
import type { PodTemplate } from '../shared/pods.js';
import { deleteIfPresent } from '../shared/objects.js';

export const REVISION_LABEL = 'controller-revision-hash';

export interface StsSpec {
  replicas?: number;
  serviceName?: string;
  selector?: { matchLabels?: Record<string, string> };
  template?: PodTemplate;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number } };
  volumeClaimTemplates?: { metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: JsonValue }[];
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: 'Retain' | 'Delete'; whenScaled?: 'Retain' | 'Delete' };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

export interface Revision {
  name: string;
  template: PodTemplate | undefined;
}

function revisionNumber(cr: StoredObject): number {
  return typeof cr.revision === 'number' ? cr.revision : 0;
}

function templateOf(cr: StoredObject): PodTemplate | undefined {
  return (cr.data as { spec?: { template?: PodTemplate } } | undefined)?.spec?.template;
}

/** The update revision for the current template (created if new), and the set's ControllerRevisions. */
export function syncRevisions(ctx: ClusterContext, sts: StoredObject, owned: StoredObject[]): { update: Revision; all: StoredObject[] } {
  const spec = (sts.spec ?? {}) as StsSpec;
  const want = canonicalJson(spec.template ?? {});
  const existing = owned.find((cr) => canonicalJson(stripPatch(templateOf(cr)) ?? {}) === want);
  const max = owned.reduce((m, cr) => Math.max(m, revisionNumber(cr)), 0);
  if (existing) {
    if (revisionNumber(existing) < max) {
      const next = ctx.store.update({ ...existing, revision: max + 1 });
      return { update: { name: next.metadata.name, template: spec.template }, all: owned.map((c) => (c === existing ? next : c)) };
    }
    return { update: { name: existing.metadata.name, template: spec.template }, all: owned };
  }
  const hash = computeHash({ spec: { template: (spec.template ?? {}) as JsonValue } }, (sts.status as { collisionCount?: number } | undefined)?.collisionCount);
  const cr = ctx.store.create({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${sts.metadata.name}-${hash}`,
      namespace: sts.metadata.namespace,
      labels: { ...(spec.selector?.matchLabels ?? {}), 'controller.kubernetes.io/hash': hash },
      ownerReferences: [controllerRef(sts)],
    },
    data: { spec: { template: { ...((spec.template ?? {}) as object), $patch: 'replace' } } } as JsonValue,
    revision: max + 1,
  });
  return { update: { name: cr.metadata.name, template: spec.template }, all: [...owned, cr] };
}

export function revisionByName(all: StoredObject[], name: string | undefined): Revision | undefined {
  const cr = all.find((c) => c.metadata.name === name);
  return cr ? { name: cr.metadata.name, template: stripPatch(templateOf(cr)) } : undefined;
}

function stripPatch(t: PodTemplate | undefined): PodTemplate | undefined {
  if (!t) return t;
  const { $patch: _p, ...rest } = t as PodTemplate & { $patch?: string };
  return rest;
}

/** truncateHistory: keep revisionHistoryLimit revisions besides the live ones. */
export function truncateHistory(ctx: ClusterContext, sts: StoredObject, all: StoredObject[], live: Set<string>): void {
  const limit = ((sts.spec ?? {}) as StsSpec).revisionHistoryLimit ?? 10;
  const old = all.filter((c) => !live.has(c.metadata.name)).sort((a, b) => revisionNumber(a) - revisionNumber(b));
  for (const c of old.slice(0, Math.max(0, old.length - limit))) deleteIfPresent(ctx.store, c);
}
