/** A world with the workflow CRDs served and no controllers acting: only the test writes. */
import { load } from 'js-yaml';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { installCrd } from '../../../../simulator/cluster/crd/index.js';
import { workflowCrds } from '../../../../simulator/workflows/crds/index.js';

export function crdStore() {
  const sb = createSandbox({ seed: 7 });
  if (!sb.store.kinds.find('argoproj.io/v1alpha1', 'Workflow')) for (const crd of workflowCrds()) installCrd(sb.store, crd);
  return sb.store;
}

export const y = <T = KubeObject>(text: string): T => load(text) as T;
