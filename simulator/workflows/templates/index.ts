/** WorkflowTemplate / ClusterWorkflowTemplate: templateRef lookups, workflowTemplateRef merge, workflow metadata. */
export { joinWorkflowSpec, mergeTo, strategicMergeSpec, joinMetadata } from './merge.js';
export type { Dict } from './merge.js';
export {
  resolveTemplateRef,
  resolveWorkflowTemplateRef,
  getTemplateHolder,
  templateByName,
  templateScopeOf,
  TemplateResolutionError,
  LABEL_WORKFLOW_TEMPLATE,
  LABEL_CLUSTER_WORKFLOW_TEMPLATE,
} from './resolve.js';
export type { TemplateRef, ResolvedWorkflow, WorkflowDefaults } from './resolve.js';
export { workflowMetadata, labelValueProblems, generateNameFor, newWorkflowFromTemplate, argoEvaluate } from './metadata.js';
export type { Evaluate, WorkflowMetadataResult } from './metadata.js';
