/**
 * ApplicationSet status conditions as upstream sets them (setApplicationSetStatusCondition): always the
 * trio ErrorOccurred / ParametersGenerated / ResourcesUpToDate, a lastTransitionTime that only moves
 * when a condition's status changes, plus `status.resources` for the Applications it owns.
 */
import type { KubeObject } from '../../cluster/types.js';

export interface AppSetCondition {
  type: 'ErrorOccurred' | 'ParametersGenerated' | 'ResourcesUpToDate';
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

export type AppSetReason =
  | 'ApplicationParamsGenerationError'
  | 'RenderTemplateParamsError'
  | 'ApplicationValidationError'
  | 'CreateApplicationError'
  | 'UpdateApplicationError'
  | 'DeleteApplicationError';

export const UP_TO_DATE_MESSAGE = 'All applications have been generated successfully';
export const PARAMS_MESSAGE = 'Successfully generated parameters for all Applications';

/** The three conditions for an outcome: success, or an error with its reason (params may still be generated). */
export function conditionsFor(error: { message: string; reason: AppSetReason } | undefined, parametersGenerated: boolean): AppSetCondition[] {
  if (!error) {
    return [
      { type: 'ErrorOccurred', status: 'False', reason: 'ApplicationSetUpToDate', message: UP_TO_DATE_MESSAGE },
      { type: 'ParametersGenerated', status: 'True', reason: 'ParametersGenerated', message: PARAMS_MESSAGE },
      { type: 'ResourcesUpToDate', status: 'True', reason: 'ApplicationSetUpToDate', message: UP_TO_DATE_MESSAGE },
    ];
  }
  return [
    { type: 'ErrorOccurred', status: 'True', reason: error.reason, message: error.message },
    parametersGenerated
      ? { type: 'ParametersGenerated', status: 'True', reason: 'ParametersGenerated', message: PARAMS_MESSAGE }
      : { type: 'ParametersGenerated', status: 'False', reason: 'ErrorOccurred', message: error.message },
    { type: 'ResourcesUpToDate', status: 'False', reason: error.reason, message: error.message },
  ];
}

/** Keep lastTransitionTime of a condition whose status did not change. */
export function withTransitionTimes(next: AppSetCondition[], previous: unknown, nowIso: string): AppSetCondition[] {
  const prev = Array.isArray(previous) ? (previous as AppSetCondition[]) : [];
  return next.map((c) => {
    const old = prev.find((p) => p && p.type === c.type);
    return { ...c, lastTransitionTime: old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : nowIso };
  });
}

export interface AppSetResourceStatus {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
  status?: string;
  health?: { status: string };
}

export function resourcesOf(apps: KubeObject[]): AppSetResourceStatus[] {
  return apps
    .map((a): AppSetResourceStatus => {
      const st = (a.status ?? {}) as { sync?: { status?: string }; health?: { status?: string } };
      const r: AppSetResourceStatus = { group: 'argoproj.io', version: 'v1alpha1', kind: 'Application', name: a.metadata.name ?? '', namespace: a.metadata.namespace ?? '' };
      if (st.sync?.status) r.status = st.sync.status;
      if (st.health?.status) r.health = { status: st.health.status };
      return r;
    })
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}
