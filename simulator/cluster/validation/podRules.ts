/** PodSpec validation (pkg/apis/core/validation): containers, ports, policies. */
import { isObj } from '../types.js';
import { listAt, numAt, objAt, strAt } from './access.js';
import type { Obj } from './access.js';
import { duplicate, invalid, notSupported, required } from './fieldErrors.js';
import type { FieldError } from './fieldErrors.js';
import { validateContainerExtras } from './moreRules.js';
import { LABEL_MSG, isDns1123Label, validateLabels } from './names.js';

const RESTART = ['Always', 'OnFailure', 'Never'];
const PULL = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const DNS = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const TERMINATION_MSG = ['FallbackToLogsOnError', 'File'];

function between(field: string, v: number | undefined, lo: number, hi: number, out: FieldError[]): void {
  if (v !== undefined && (v < lo || v > hi)) out.push(invalid(field, v, `must be between ${lo} and ${hi}, inclusive`));
}

function nonNegative(field: string, v: number | undefined, out: FieldError[]): void {
  if (v !== undefined && v < 0) out.push(invalid(field, v, 'must be greater than or equal to 0'));
}

function validateContainers(list: unknown[], field: string, names: Set<string>, out: FieldError[], requireImage = true): void {
  list.forEach((raw, i) => {
    const c = isObj(raw) ? raw : {};
    const f = `${field}[${i}]`;
    const name = strAt(c, 'name');
    if (!name) out.push(required(`${f}.name`));
    else if (!isDns1123Label(name)) out.push(invalid(`${f}.name`, name, LABEL_MSG));
    else if (names.has(name)) out.push(duplicate(`${f}.name`, name));
    else names.add(name);
    const image = strAt(c, 'image');
    if (requireImage && (!image || image.trim() === '')) out.push(required(`${f}.image`));
    else if (image && image !== image.trim()) out.push(invalid(`${f}.image`, image, 'must not have leading or trailing whitespace'));
    const pull = strAt(c, 'imagePullPolicy');
    if (pull !== undefined && !PULL.includes(pull)) out.push(notSupported(`${f}.imagePullPolicy`, pull, PULL));
    const tmp = strAt(c, 'terminationMessagePolicy');
    if (tmp !== undefined && !TERMINATION_MSG.includes(tmp)) out.push(notSupported(`${f}.terminationMessagePolicy`, tmp, TERMINATION_MSG));
    const portNames = new Set<string>();
    listAt(c, 'ports')?.forEach((p, j) => {
      const port = isObj(p) ? p : {};
      const pf = `${f}.ports[${j}]`;
      const cp = numAt(port, 'containerPort');
      if (cp === undefined) out.push(required(`${pf}.containerPort`));
      else between(`${pf}.containerPort`, cp, 1, 65535, out);
      const hp = numAt(port, 'hostPort');
      if (hp !== undefined && hp !== 0) between(`${pf}.hostPort`, hp, 1, 65535, out);
      const proto = strAt(port, 'protocol');
      if (proto !== undefined && !PROTOCOLS.includes(proto)) out.push(notSupported(`${pf}.protocol`, proto, PROTOCOLS));
      const pn = strAt(port, 'name');
      if (pn) {
        if (pn.length > 15) out.push(invalid(`${pf}.name`, pn, 'must be no more than 15 characters'));
        if (portNames.has(pn)) out.push(duplicate(`${pf}.name`, pn));
        portNames.add(pn);
      }
    });
    const envNames = listAt(c, 'env');
    envNames?.forEach((e, j) => {
      if (!strAt(isObj(e) ? e : undefined, 'name')) out.push(required(`${f}.env[${j}].name`));
    });
    validateContainerExtras(c, f, out);
    listAt(c, 'volumeMounts')?.forEach((m, j) => {
      const vm = isObj(m) ? m : {};
      if (!strAt(vm, 'name')) out.push(required(`${f}.volumeMounts[${j}].name`));
      if (!strAt(vm, 'mountPath')) out.push(required(`${f}.volumeMounts[${j}].mountPath`));
    });
  });
}

/** Validate a PodSpec at `field` (`spec`, `spec.template.spec`, …). */
export function validatePodSpec(spec: Obj | undefined, field: string, out: FieldError[]): void {
  const s = spec ?? {};
  const containers = listAt(s, 'containers');
  const names = new Set<string>();
  if (!containers || containers.length === 0) out.push(required(`${field}.containers`));
  else validateContainers(containers, `${field}.containers`, names, out);
  const init = listAt(s, 'initContainers');
  if (init) validateContainers(init, `${field}.initContainers`, names, out);
  const restart = strAt(s, 'restartPolicy');
  if (restart !== undefined && !RESTART.includes(restart)) out.push(notSupported(`${field}.restartPolicy`, restart, RESTART));
  const dns = strAt(s, 'dnsPolicy');
  if (dns !== undefined && !DNS.includes(dns)) out.push(notSupported(`${field}.dnsPolicy`, dns, DNS));
  nonNegative(`${field}.terminationGracePeriodSeconds`, numAt(s, 'terminationGracePeriodSeconds'), out);
  const ads = numAt(s, 'activeDeadlineSeconds');
  if (ads !== undefined && ads <= 0) out.push(invalid(`${field}.activeDeadlineSeconds`, ads, 'must be greater than or equal to 1'));
  const volumes = new Set<string>();
  listAt(s, 'volumes')?.forEach((v, i) => {
    const name = strAt(isObj(v) ? v : undefined, 'name');
    if (!name) out.push(required(`${field}.volumes[${i}].name`));
    else if (volumes.has(name)) out.push(duplicate(`${field}.volumes[${i}].name`, name));
    else volumes.add(name);
  });
  const sa = strAt(s, 'serviceAccountName');
  if (sa && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(sa)) {
    out.push(invalid(`${field}.serviceAccountName`, sa, 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters'));
  }
}

/** A pod template: labels valid, spec valid. */
export function validateTemplate(template: Obj | undefined, field: string, out: FieldError[]): void {
  const tpl = template ?? {};
  out.push(...validateLabels(`${field}.metadata.labels`, objAt(objAt(tpl, 'metadata'), 'labels')));
  validatePodSpec(objAt(tpl, 'spec'), `${field}.spec`, out);
}

export { nonNegative };
