/**
 * Template arguments (workflow/common ProcessArgs + SubstituteParams): input parameters from
 * arguments, defaults and ConfigMaps, input artifacts from arguments, then `{{…}}` substitution with
 * the global and local variables plus `inputs.*` and `outputs.*.path`.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import type { Arguments, Parameter, Template } from '../nodes/types.js';
import { substitute, TemplateError } from './template.js';
import type { Vars } from './template.js';

export class ArgsError extends Error {}

function hasLocation(a: Record<string, unknown>): boolean {
  for (const k of ['s3', 'gcs', 'git', 'http', 'artifactory', 'hdfs', 'raw', 'oss', 'azure', 'plugin', 'key', 'artifactLocation']) {
    if (a[k] !== undefined) return true;
  }
  return false;
}

function configMapValue(store: ObjectStore | undefined, namespace: string, name: string, key: string): string | undefined {
  const cm = store?.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });
  const data = cm?.data as Record<string, string> | undefined;
  return data?.[key];
}

export interface ProcessContext {
  store?: ObjectStore;
  namespace: string;
}

/** Stored (frozen) templates with no inputs and no tag: processArgs gives them back as they are. */
const PLAIN = new WeakSet<Template>();

/** ProcessArgs: resolve inputs of a copy of `tmpl` from `args`, then substitute variables. */
export function processArgs(tmpl: Template, args: Arguments | undefined, globals: Vars, locals: Vars, pc: ProcessContext): Template {
  if (PLAIN.has(tmpl)) return tmpl;
  const json = JSON.stringify(tmpl);
  // No inputs to resolve and no tag to substitute: the result is the template as it is (a stored,
  // frozen one is returned itself: no copy per pod, and caches keyed on it keep hitting).
  if (!tmpl.inputs?.parameters?.length && !tmpl.inputs?.artifacts?.length && json.indexOf('{{') < 0) {
    if (!Object.isFrozen(tmpl)) return JSON.parse(json) as Template;
    PLAIN.add(tmpl);
    return tmpl;
  }
  const t: Template = JSON.parse(json) as Template;
  const params = t.inputs?.parameters ?? [];
  for (let i = 0; i < params.length; i++) {
    const p = { ...(params[i] as Parameter) };
    if (p.value === undefined && p.default !== undefined) p.value = p.default;
    const arg = args?.parameters?.find((a) => a.name === p.name);
    if (arg) {
      if (arg.value !== undefined) p.value = String(arg.value);
      else if (arg.valueFrom) p.valueFrom = arg.valueFrom;
    }
    if (p.valueFrom?.configMapKeyRef) {
      const ref = p.valueFrom.configMapKeyRef;
      const name = substitute(ref.name, globals, { allowUnresolved: false });
      const key = substitute(ref.key, globals, { allowUnresolved: false });
      const v = configMapValue(pc.store, pc.namespace, name, key);
      if (v === undefined) {
        if (p.valueFrom.default === undefined) {
          throw new ArgsError(`unable to retrieve inputs.parameters.${p.name} from ConfigMap: ConfigMap '${name}' does not exist`);
        }
        p.value = p.valueFrom.default;
      } else p.value = v;
    } else if (p.value === undefined && !p.valueFrom) {
      throw new ArgsError(`inputs.parameters.${p.name} was not supplied`);
    }
    if (p.value !== undefined && typeof p.value !== 'string') p.value = JSON.stringify(p.value);
    if (p.enum && p.value !== undefined && !p.enum.map(String).includes(p.value)) {
      throw new ArgsError(`value ${p.value} is not in enum for inputs.parameters.${p.name}`);
    }
    params[i] = p;
  }
  const arts = t.inputs?.artifacts ?? [];
  for (let i = 0; i < arts.length; i++) {
    const inArt = arts[i] as NonNullable<typeof arts[number]>;
    const argArt = args?.artifacts?.find((a) => a.name === inArt.name);
    if (!inArt.optional && !hasLocation(inArt)) {
      if (!argArt) throw new ArgsError(`inputs.artifacts.${inArt.name} was not supplied`);
      if (!hasLocation(argArt)) throw new ArgsError(`inputs.artifacts.${inArt.name} missing location information`);
    }
    if (argArt) {
      const merged = { ...argArt, path: inArt.path } as typeof inArt;
      if (inArt.mode !== undefined) merged.mode = inArt.mode;
      if (merged.path === undefined) delete merged.path;
      arts[i] = merged;
    }
  }
  return substituteParams(t, globals, locals);
}

/** SubstituteParams: globals + locals first, then `inputs.*` and output paths (unresolved tags stay). */
export function substituteParams(tmpl: Template, globals: Vars, locals: Vars): Template {
  const vars: Vars = { ...globals, ...locals };
  let t: Template;
  try {
    t = substitute(tmpl, vars, { allowUnresolved: true });
  } catch (e) {
    if (e instanceof TemplateError) throw new ArgsError(e.message);
    throw e;
  }
  for (const p of t.inputs?.parameters ?? []) {
    if (p.value === undefined && !p.valueFrom) throw new ArgsError(`inputs.parameters.${p.name} had no value`);
    if (p.value !== undefined) vars[`inputs.parameters.${p.name}`] = String(p.value);
  }
  vars['inputs.parameters'] = JSON.stringify(t.inputs?.parameters ?? []);
  for (const a of t.inputs?.artifacts ?? []) if (a.path) vars[`inputs.artifacts.${a.name}.path`] = a.path;
  for (const a of t.outputs?.artifacts ?? []) if (a.path) vars[`outputs.artifacts.${a.name}.path`] = a.path;
  for (const p of t.outputs?.parameters ?? []) if (p.valueFrom?.path) vars[`outputs.parameters.${p.name}.path`] = p.valueFrom.path;
  try {
    return substitute(t, vars, { allowUnresolved: true });
  } catch (e) {
    if (e instanceof TemplateError) throw new ArgsError(e.message);
    throw e;
  }
}
