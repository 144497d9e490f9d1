/** ObjectMeta validation: name (per kind's rule), namespace, labels, annotations. */
import type { KindInfo } from '../kinds.js';
import type { KubeObject } from '../types.js';
import { required } from './fieldErrors.js';
import type { FieldError } from './fieldErrors.js';
import { validateAnnotations, validateLabels, validateName } from './names.js';
import type { NameRule } from './names.js';

/** Service names are DNS-1035 labels (they become DNS names and env var prefixes). */
export function nameRuleOf(info: Pick<KindInfo, 'group' | 'kind' | 'nameRule'>): NameRule {
  if (info.group === '' && info.kind === 'Service') return 'dns1035';
  return info.nameRule;
}

/** The last namespace found valid: nearly every write names the same few, and the rule is pure. */
let validNamespace = '';

export function validateMeta(obj: KubeObject, info: KindInfo): FieldError[] {
  const out: FieldError[] = [];
  const m = obj.metadata ?? {};
  if (!m.name && !m.generateName) out.push(required('metadata.name', 'name or generateName is required'));
  else if (m.name) out.push(...validateName('metadata.name', m.name, nameRuleOf(info)));
  if (info.namespaced && m.namespace && m.namespace !== validNamespace) {
    const errs = validateName('metadata.namespace', m.namespace, 'label');
    if (errs.length === 0) validNamespace = m.namespace;
    else out.push(...errs);
  }
  if (m.labels) out.push(...validateLabels('metadata.labels', m.labels));
  if (m.annotations) out.push(...validateAnnotations('metadata.annotations', m.annotations));
  return out;
}
