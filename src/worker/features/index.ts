/**
 * The feature table: one line per feature, each in its own file. The main thread imports only the TYPE of this
 * table (see src/engine/feature.ts), so feature code stays in the worker bundle.
 */
import { clusterFeature } from './cluster.js';
import { gitFeature } from './git.js';
import { appsFeature } from './apps.js';
import { terminalFeature } from './terminal.js';
import { workflowsFeature } from './workflows.js';
import { podsFeature } from './pods.js';
import { validateFeature } from './validate.js';
import { labsFeature } from './labs.js';

export const FEATURES = {
  cluster: clusterFeature,
  git: gitFeature,
  apps: appsFeature,
  terminal: terminalFeature,
  workflows: workflowsFeature,
  pods: podsFeature,
  validate: validateFeature,
  labs: labsFeature,
};

export type Features = typeof FEATURES;
export type FeatureName = keyof Features;
export type { FeatureHost, JournalEntry } from './types.js';
