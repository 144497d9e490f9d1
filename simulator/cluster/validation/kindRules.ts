/** Per-kind validation: workloads, Service, ConfigMap, Secret, CronJob (from pkg/apis/{apps,batch,core}/validation). */
import { isObj } from '../types.js';
import { parseSchedule } from '../controllers/cronjob/schedule.js';
import { fromLabelSelectorObject, matchesLabels } from '../selectors.js';
import { listAt, numAt, objAt, strAt } from './access.js';
import type { Obj } from './access.js';
import { duplicate, goValue, invalid, notSupported, required, tooLong } from './fieldErrors.js';
import type { FieldError } from './fieldErrors.js';
import { LABEL_MSG, isDns1123Label, validateConfigKey, validateLabels } from './names.js';
import { validateBinding, validateIngress, validatePvc, validateRollingUpdate, validateRules } from './moreRules.js';
import { nonNegative, validatePodSpec, validateTemplate } from './podRules.js';

type Rule = (o: Obj, out: FieldError[]) => void;

function labelsOf(tpl: Obj | undefined): Record<string, string> {
  const l = objAt(objAt(tpl, 'metadata'), 'labels');
  return (l ?? {}) as Record<string, string>;
}

/** selector required, non-empty, and matching the template's labels. */
function selectorMatchesTemplate(spec: Obj, field: string, kindWord: string, out: FieldError[]): void {
  const sel = objAt(spec, 'selector');
  const tpl = objAt(spec, 'template') ?? {};
  if (!sel) {
    out.push(required(`${field}.selector`));
    return;
  }
  const empty = !objAt(sel, 'matchLabels') && !listAt(sel, 'matchExpressions');
  if (empty || (Object.keys(objAt(sel, 'matchLabels') ?? {}).length === 0 && (listAt(sel, 'matchExpressions') ?? []).length === 0)) {
    out.push(invalid(`${field}.selector`, sel, `empty selector is invalid for ${kindWord}`));
    return;
  }
  out.push(...validateLabels(`${field}.selector.matchLabels`, objAt(sel, 'matchLabels')));
  let parsed;
  try {
    parsed = fromLabelSelectorObject(sel);
  } catch (e) {
    out.push(invalid(`${field}.selector`, sel, e instanceof Error ? e.message : String(e)));
    return;
  }
  if (!matchesLabels(parsed, labelsOf(tpl))) {
    const given = objAt(objAt(tpl, 'metadata'), 'labels');
    const shown = given ? goValue(given) : 'map[string]string(nil)';
    out.push({ type: 'FieldValueInvalid', field: `${field}.template.metadata.labels`, detail: `Invalid value: ${shown}: \`selector\` does not match template \`labels\`` });
  }
}

function replicaSetLike(kindWord: string, restartAlways: boolean): Rule {
  return (o, out) => {
    // spec and template are Go structs, not pointers: absent reads as empty.
    const spec = objAt(o, 'spec') ?? {};
    nonNegative('spec.replicas', numAt(spec, 'replicas'), out);
    nonNegative('spec.minReadySeconds', numAt(spec, 'minReadySeconds'), out);
    nonNegative('spec.revisionHistoryLimit', numAt(spec, 'revisionHistoryLimit'), out);
    selectorMatchesTemplate(spec, 'spec', kindWord, out);
    validateTemplate(objAt(spec, 'template'), 'spec.template', out);
    const restart = strAt(objAt(objAt(spec, 'template'), 'spec'), 'restartPolicy');
    if (restartAlways && restart !== undefined && restart !== 'Always') out.push(notSupported('spec.template.spec.restartPolicy', restart, ['Always']));
  };
}

const deployment: Rule = (o, out) => {
  replicaSetLike('deployment', true)(o, out);
  const spec = objAt(o, 'spec');
  const strategy = objAt(spec, 'strategy');
  const type = strAt(strategy, 'type');
  if (type !== undefined && type !== 'RollingUpdate' && type !== 'Recreate') out.push(notSupported('spec.strategy.type', type, ['Recreate', 'RollingUpdate']));
  if (type !== 'Recreate') validateRollingUpdate(objAt(strategy, 'rollingUpdate'), 'spec.strategy.rollingUpdate', out);
  if (type === 'Recreate' && objAt(strategy, 'rollingUpdate')) out.push({ type: 'FieldValueForbidden', field: 'spec.strategy.rollingUpdate', detail: 'Forbidden: may not be specified when strategy `type` is \'Recreate\'' });
  const pds = numAt(spec, 'progressDeadlineSeconds');
  const mrs = numAt(spec, 'minReadySeconds') ?? 0;
  if (pds !== undefined && pds <= mrs) out.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
};

function jobSpec(spec: Obj | undefined, field: string, out: FieldError[]): void {
  const s = spec ?? {};
  for (const k of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished']) nonNegative(`${field}.${k}`, numAt(s, k), out);
  const mode = strAt(s, 'completionMode');
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') out.push(notSupported(`${field}.completionMode`, mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed' && numAt(s, 'completions') === undefined) out.push(required(`${field}.completions`, 'when completion mode is Indexed'));
  const tpl = objAt(s, 'template');
  validateTemplate(tpl, `${field}.template`, out);
  const restart = strAt(objAt(tpl, 'spec'), 'restartPolicy');
  // Templates default to Always, so Always (or nothing) reads as "not set" for a Job.
  if (restart === undefined || restart === 'Always') out.push(required(`${field}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') out.push(notSupported(`${field}.template.spec.restartPolicy`, restart, ['OnFailure', 'Never']));
  if (s.manualSelector === true) selectorMatchesTemplate(s, field, 'job', out);
}

const cronJob: Rule = (o, out) => {
  const spec = objAt(o, 'spec') ?? {};
  const schedule = strAt(spec, 'schedule');
  const timeZone = strAt(spec, 'timeZone');
  let zoneOk = true;
  if (timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      zoneOk = false;
      out.push(invalid('spec.timeZone', timeZone, `unknown time zone ${timeZone}`));
    }
  }
  if (!schedule) out.push(required('spec.schedule'));
  else if (/^(CRON_)?TZ=/.test(schedule.trim())) out.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  else {
    // The same parser the CronJob controller runs, so what validates is what schedules.
    try {
      parseSchedule(schedule, zoneOk ? timeZone : undefined);
    } catch (e) {
      out.push(invalid('spec.schedule', schedule, e instanceof Error ? e.message : String(e)));
    }
  }
  const policy = strAt(spec, 'concurrencyPolicy');
  if (policy !== undefined && !['Allow', 'Forbid', 'Replace'].includes(policy)) out.push(notSupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']));
  nonNegative('spec.startingDeadlineSeconds', numAt(spec, 'startingDeadlineSeconds'), out);
  nonNegative('spec.successfulJobsHistoryLimit', numAt(spec, 'successfulJobsHistoryLimit'), out);
  nonNegative('spec.failedJobsHistoryLimit', numAt(spec, 'failedJobsHistoryLimit'), out);
  const jt = objAt(spec, 'jobTemplate');
  if (!jt) out.push(required('spec.jobTemplate'));
  else jobSpec(objAt(jt, 'spec'), 'spec.jobTemplate.spec', out);
};

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

const service: Rule = (o, out) => {
  const spec = objAt(o, 'spec') ?? {};
  const type = strAt(spec, 'type') ?? 'ClusterIP';
  if (!SERVICE_TYPES.includes(type)) out.push(notSupported('spec.type', type, SERVICE_TYPES));
  const ports = listAt(spec, 'ports') ?? [];
  const headless = strAt(spec, 'clusterIP') === 'None';
  if (type === 'ExternalName') {
    if (!strAt(spec, 'externalName')) out.push(required('spec.externalName'));
  } else if (ports.length === 0 && !headless) out.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const p = isObj(raw) ? raw : {};
    const f = `spec.ports[${i}]`;
    const name = strAt(p, 'name');
    if (ports.length > 1 && !name) out.push(required(`${f}.name`));
    if (name) {
      // Service port names are RFC 1123 labels (`80-8080` is fine), unlike Service names (DNS-1035).
      if (!isDns1123Label(name)) out.push(invalid(`${f}.name`, name, LABEL_MSG));
      if (names.has(name)) out.push(duplicate(`${f}.name`, name));
      names.add(name);
    }
    const port = numAt(p, 'port');
    if (port === undefined) out.push(required(`${f}.port`));
    else if (port < 1 || port > 65535) out.push(invalid(`${f}.port`, port, 'must be between 1 and 65535, inclusive'));
    const tp = p.targetPort;
    if (typeof tp === 'number' && (tp < 1 || tp > 65535)) out.push(invalid(`${f}.targetPort`, tp, 'must be between 1 and 65535, inclusive'));
    const proto = strAt(p, 'protocol');
    if (proto !== undefined && !['SCTP', 'TCP', 'UDP'].includes(proto)) out.push(notSupported(`${f}.protocol`, proto, ['SCTP', 'TCP', 'UDP']));
    const np = numAt(p, 'nodePort');
    if (np !== undefined && (type === 'NodePort' || type === 'LoadBalancer') && (np < 30000 || np > 32767)) {
      out.push(invalid(`${f}.nodePort`, np, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
    }
    if (np !== undefined && type === 'ClusterIP') out.push({ type: 'FieldValueForbidden', field: `${f}.nodePort`, detail: 'Forbidden: may not be used when `type` is \'ClusterIP\'' });
  });
  out.push(...validateLabels('spec.selector', objAt(spec, 'selector')));
};

const MAX_CONFIG_BYTES = 1024 * 1024;

function configData(o: Obj, out: FieldError[], fields: string[]): void {
  let size = 0;
  const seen = new Set<string>();
  for (const f of fields) {
    const data = objAt(o, f);
    if (!data) continue;
    for (const [k, v] of Object.entries(data)) {
      out.push(...validateConfigKey(`${f}[${k}]`, k));
      if (seen.has(k)) out.push(invalid(`${f}[${k}]`, k, 'duplicate of key present in data'));
      seen.add(k);
      size += k.length + (typeof v === 'string' ? v.length : 0);
    }
  }
  if (size > MAX_CONFIG_BYTES) out.push(tooLong(fields[0]!, MAX_CONFIG_BYTES));
}

const configMap: Rule = (o, out) => configData(o, out, ['data', 'binaryData']);
const SECRET_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

const secret: Rule = (o, out) => {
  configData(o, out, ['data']);
  const data = objAt(o, 'data') ?? {};
  const type = strAt(o, 'type');
  for (const k of (type && SECRET_KEYS[type]) || []) if (data[k] === undefined) out.push(required(`data[${k}]`));
};

const pod: Rule = (o, out) => validatePodSpec(objAt(o, 'spec'), 'spec', out);

export const KIND_RULES: Record<string, Rule> = {
  '/Pod': pod,
  '/Service': service,
  '/ConfigMap': configMap,
  '/Secret': secret,
  'apps/Deployment': deployment,
  'apps/ReplicaSet': replicaSetLike('replicaset', true),
  'apps/StatefulSet': replicaSetLike('statefulset', true),
  'apps/DaemonSet': (o, out) => {
    replicaSetLike('daemonset', true)(o, out);
    validateRollingUpdate(objAt(objAt(objAt(o, 'spec'), 'updateStrategy'), 'rollingUpdate'), 'spec.updateStrategy.rollingUpdate', out);
  },
  'networking.k8s.io/Ingress': validateIngress,
  '/PersistentVolumeClaim': validatePvc,
  'rbac.authorization.k8s.io/Role': (o, out) => validateRules(o, true, out),
  'rbac.authorization.k8s.io/ClusterRole': (o, out) => validateRules(o, false, out),
  'rbac.authorization.k8s.io/RoleBinding': (o, out) => validateBinding(o, false, out),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (o, out) => validateBinding(o, true, out),
  'batch/Job': (o, out) => jobSpec(objAt(o, 'spec'), 'spec', out),
  'batch/CronJob': cronJob,
};
