/** A real cluster in Docker for `argo-sandbox real`: kind (k3s fallback), Argo installed, the bridge started. */
export { realUp, realDown, realStatus, DockerUnavailableError } from './realUp.js';
export type { RealUpOptions, RealSession, DownResult, StatusResult } from './realUp.js';
export { checkDocker, DOCKER_HELP } from './docker.js';
export type { DockerCheck } from './docker.js';
export { installArgo, installComponent, parseManifest } from './install.js';
export type { InstallOptions } from './install.js';
export { startKindNode, kubeadmConfig, hostKubeconfig, CLUSTER_NAME, NODE_NAME } from './kindNode.js';
export type { StartedCluster } from './kindNode.js';
export { startK3s } from './k3s.js';
export { COMPONENTS, KIND_NODE_IMAGE, K3S_IMAGE, ARGOCD_VERSION, ARGO_WORKFLOWS_VERSION, executorRbac } from './versions.js';
export type { Component } from './versions.js';
export { readState, writeState, clearState, statePath, stateDir } from './state.js';
export type { RealState } from './state.js';
export { runningCluster, applyAll } from './realApply.js';
export type { Running, ApplyOutcome } from './realApply.js';
