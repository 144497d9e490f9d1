/** ObjectMeta and the shared bits of many kinds. */
import { STRINGS, STRING_MAP, list, map, obj, open } from '../schema.js';

export const OwnerReference = obj('OwnerReference', {
  apiVersion: 'string',
  kind: 'string',
  name: 'string',
  uid: 'string',
  controller: 'bool',
  blockOwnerDeletion: 'bool',
});

export const ObjectMeta = obj('ObjectMeta', {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  selfLink: 'string',
  uid: 'string',
  resourceVersion: 'string',
  generation: 'int64',
  creationTimestamp: 'any',
  deletionTimestamp: 'any',
  deletionGracePeriodSeconds: 'int64',
  labels: STRING_MAP,
  annotations: STRING_MAP,
  ownerReferences: list(OwnerReference),
  finalizers: STRINGS,
  managedFields: list(open('ManagedFieldsEntry')),
});

export const LabelSelector = obj('LabelSelector', {
  matchLabels: STRING_MAP,
  matchExpressions: list(obj('LabelSelectorRequirement', { key: 'string', operator: 'string', values: STRINGS })),
});

export const LocalObjectReference = obj('LocalObjectReference', { name: 'string' });
export const ResourceList = map('quantity');
