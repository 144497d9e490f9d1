/** CustomResourceDefinitions: served kinds, schema validation/pruning/defaulting, cleanup on delete. */
export { registerCrd, unregisterCrd, servedCustomKind, crdKinds, crdSpecOf, registerCrdsFrom } from './registry.js';
export type { CrdSpec, CrdNames, CrdVersion } from './registry.js';
export { validateCustomObject } from './structural.js';
export type { JSONSchemaProps, StructuralResult } from './structural.js';
export { crdAdmission, CLEANUP_FINALIZER } from './admission.js';
export type { CrdAdmissionOptions } from './admission.js';
export { validateCrd } from './validateCrd.js';
export { crdController } from './controller.js';
export { installCrdSupport, installCrd } from './install.js';
