/**
 * Argo CD's CustomResourceDefinitions (argoproj.io/v1alpha1): Application, AppProject, ApplicationSet.
 * Names, short names, scope and required fields as in Argo CD's manifests/crds; the bodies are permissive
 * (x-kubernetes-preserve-unknown-fields) because the controllers, not the schema, interpret them. Like
 * upstream, none of them has a status subresource: the controller writes status with a plain update.
 */
import type { KubeObject } from '../../cluster/types.js';

export const ARGO_GROUP = 'argoproj.io';
export const ARGO_VERSION = 'v1alpha1';
export const ARGO_API_VERSION = `${ARGO_GROUP}/${ARGO_VERSION}`;

interface CrdNames {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
}

const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function crd(names: CrdNames, specRequired: string[], topRequired: string[], columns: KubeObject[] = []): KubeObject {
  const spec = { ...open, ...(specRequired.length > 0 ? { required: specRequired } : {}) };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${names.plural}.${ARGO_GROUP}`,
      labels: { 'app.kubernetes.io/name': `${names.plural}.${ARGO_GROUP}`, 'app.kubernetes.io/part-of': 'argocd' },
    },
    spec: {
      group: ARGO_GROUP,
      names: { kind: names.kind, listKind: `${names.kind}List`, plural: names.plural, singular: names.singular, shortNames: names.shortNames },
      scope: 'Namespaced',
      versions: [
        {
          name: ARGO_VERSION,
          served: true,
          storage: true,
          ...(columns.length > 0 ? { additionalPrinterColumns: columns as unknown as KubeObject[] } : {}),
          schema: {
            openAPIV3Schema: {
              type: 'object',
              required: topRequired,
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec,
                status: open,
                operation: open,
              },
            },
          },
        },
      ],
    },
  } as unknown as KubeObject;
}

const APPLICATION_COLUMNS = [
  { name: 'Sync Status', type: 'string', jsonPath: '.status.sync.status' },
  { name: 'Health Status', type: 'string', jsonPath: '.status.health.status' },
  { name: 'Revision', type: 'string', jsonPath: '.status.sync.revision', priority: 10 },
  { name: 'Project', type: 'string', jsonPath: '.spec.project', priority: 10 },
] as unknown as KubeObject[];

export const APPLICATION_CRD = crd(
  { kind: 'Application', plural: 'applications', singular: 'application', shortNames: ['app', 'apps'] },
  ['destination', 'project'],
  ['metadata', 'spec'],
  APPLICATION_COLUMNS,
);
export const APPPROJECT_CRD = crd({ kind: 'AppProject', plural: 'appprojects', singular: 'appproject', shortNames: ['appproj', 'appprojs'] }, [], ['metadata', 'spec']);
export const APPLICATIONSET_CRD = crd(
  { kind: 'ApplicationSet', plural: 'applicationsets', singular: 'applicationset', shortNames: ['appset', 'appsets'] },
  ['generators', 'template'],
  ['metadata', 'spec'],
);

export const ARGOCD_CRDS: readonly KubeObject[] = [APPLICATION_CRD, APPPROJECT_CRD, APPLICATIONSET_CRD];
