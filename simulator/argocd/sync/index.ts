/** Argo CD sync (gitops-engine pkg/sync): common types, hook annotations, sync tasks and their order. */
export * from './common/index.js';
export * from './hook/index.js';
export * from './tasks/index.js';
