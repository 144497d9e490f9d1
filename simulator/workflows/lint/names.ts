/** Name rules of workflow/validate (field names, step names, parameter/artifact names) with Argo's messages. */

const FIELD_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const PARAM_NAME = /^[-a-zA-Z0-9_]+$/;
const PLACEHOLDER = /__argo__internal__placeholder-\d+/g;
/** paramRegex: a value that is a `{{…}}` parameter, resolved only at runtime. */
export const PARAM_TAG = /{{[-a-zA-Z0-9]+(\.[-a-zA-Z0-9_]+)*}}/;

export const isParameter = (s: string): boolean => PARAM_TAG.test(s);

export function fieldNameProblems(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 128) errs.push('must be no more than 128 characters');
  if (!FIELD_NAME.test(name)) errs.push("name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)");
  return errs;
}

/** isValidStepName: a step name may carry parameter tags (`run-{{item}}`), resolved later. */
export function stepNameProblems(name: string): string[] {
  return fieldNameProblems(name.replace(/{{[^}]*}}/g, 'x').replace(PLACEHOLDER, 'x'));
}

export function paramNameProblems(name: string): string[] {
  return PARAM_NAME.test(name) ? [] : ["Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1"];
}

/** validateWorkflowFieldNames: names required, valid and unique; `params` selects the parameter/artifact rule. */
export function fieldNamesError(items: unknown[], params: boolean): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const name = typeof it === 'object' && it !== null && typeof (it as { name?: unknown }).name === 'string' ? (it as { name: string }).name : '';
    if (name === '') return `[${i}].name is required`;
    const errs = params ? paramNameProblems(name) : fieldNameProblems(name);
    if (errs.length) return `[${i}].name: '${name}' is invalid: ${errs.join(';')}`;
    if (seen.has(name)) return `[${i}].name '${name}' is not unique`;
    seen.add(name);
  }
  return undefined;
}
