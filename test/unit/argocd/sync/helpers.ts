import type { KubeObject } from '../../../../simulator/index.js';

/** A minimal object; `ann` becomes metadata.annotations. */
export function obj(apiVersion: string, kind: string, name: string, ann?: Record<string, string>, namespace = 'default'): KubeObject {
  const metadata: KubeObject['metadata'] = { name, namespace };
  if (ann) metadata.annotations = ann;
  return { apiVersion, kind, metadata };
}
