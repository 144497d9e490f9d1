/**
 * Argo Workflows' CustomResourceDefinitions as the "minimal" install ships them
 * (manifests/base/crds/minimal): spec and status preserve unknown fields, so any workflow YAML is
 * accepted by the API server and checked by the controller instead (like `argo lint`).
 */
import type { KubeObject } from '../../cluster/types.js';

export const WF_GROUP = 'argoproj.io';
export const WF_VERSION = 'v1alpha1';
export const WF_API_VERSION = `${WF_GROUP}/${WF_VERSION}`;

interface CrdDef {
  kind: string;
  plural: string;
  shortNames?: string[];
  scope: 'Namespaced' | 'Cluster';
  /** Top-level fields besides apiVersion/kind/metadata (WorkflowTaskResult has no spec). */
  fields: string[];
  required: string[];
  printerColumns?: { name: string; type: string; jsonPath: string; description?: string; format?: string }[];
}

const CRDS: CrdDef[] = [
  {
    kind: 'Workflow',
    plural: 'workflows',
    shortNames: ['wf'],
    scope: 'Namespaced',
    fields: ['spec', 'status'],
    required: ['metadata', 'spec'],
    printerColumns: [
      { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'Status of the workflow' },
      { name: 'Age', type: 'date', format: 'date-time', jsonPath: '.status.startedAt', description: 'When the workflow was started' },
      {
        name: 'Message',
        type: 'string',
        jsonPath: '.status.message',
        description: 'Human readable message indicating details about why the workflow is in this condition.',
      },
    ],
  },
  { kind: 'WorkflowTemplate', plural: 'workflowtemplates', shortNames: ['wftmpl'], scope: 'Namespaced', fields: ['spec'], required: ['metadata', 'spec'] },
  {
    kind: 'ClusterWorkflowTemplate',
    plural: 'clusterworkflowtemplates',
    shortNames: ['clusterwftmpl', 'cwft'],
    scope: 'Cluster',
    fields: ['spec'],
    required: ['metadata', 'spec'],
  },
  {
    kind: 'CronWorkflow',
    plural: 'cronworkflows',
    shortNames: ['cwf', 'cronwf'],
    scope: 'Namespaced',
    fields: ['spec', 'status'],
    required: ['metadata', 'spec'],
  },
  {
    kind: 'WorkflowTaskResult',
    plural: 'workflowtaskresults',
    scope: 'Namespaced',
    fields: ['message', 'outputs', 'phase', 'progress'],
    required: ['metadata'],
  },
  { kind: 'WorkflowEventBinding', plural: 'workfloweventbindings', shortNames: ['wfeb'], scope: 'Namespaced', fields: ['spec'], required: ['metadata', 'spec'] },
  { kind: 'WorkflowTaskSet', plural: 'workflowtasksets', shortNames: ['wfts'], scope: 'Namespaced', fields: ['spec', 'status'], required: ['metadata', 'spec'] },
  {
    kind: 'WorkflowArtifactGCTask',
    plural: 'workflowartifactgctasks',
    shortNames: ['wfat'],
    scope: 'Namespaced',
    fields: ['spec', 'status'],
    required: ['metadata', 'spec'],
  },
];

function crdObject(d: CrdDef): KubeObject {
  const properties: Record<string, object> = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
  for (const f of d.fields) {
    properties[f] =
      f === 'message' || f === 'phase' || f === 'progress'
        ? { type: 'string' }
        : { type: 'object', 'x-kubernetes-map-type': 'atomic', 'x-kubernetes-preserve-unknown-fields': true };
  }
  const version: Record<string, unknown> = {
    name: WF_VERSION,
    served: true,
    storage: true,
    schema: { openAPIV3Schema: { type: 'object', properties, required: d.required } },
    subresources: {},
  };
  if (d.printerColumns) version.additionalPrinterColumns = d.printerColumns;
  const singular = d.kind.toLowerCase();
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${d.plural}.${WF_GROUP}` },
    spec: {
      group: WF_GROUP,
      names: { kind: d.kind, listKind: `${d.kind}List`, plural: d.plural, singular, ...(d.shortNames ? { shortNames: d.shortNames } : {}) },
      scope: d.scope,
      versions: [version],
    } as KubeObject['spec'],
  };
}

/** The CRD objects, in install order. */
export function workflowCrds(): KubeObject[] {
  return CRDS.map(crdObject);
}
