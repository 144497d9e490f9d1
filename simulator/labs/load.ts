/**
 * Load a lab from a file map: parse `<root>/lab.yaml`, validate it against the schema, then the loader
 * rules (id = folder name, unique step ids, step bodies and solution files exist…). Every problem comes
 * back as a located error (file, line, column, field path); a lab comes back only when there are none.
 */
import type { LocatedError } from '../core/errors.js';
import type { JsonValue } from '../cluster/types.js';
import type { Lab } from './types.js';
import { LAB_SCHEMA } from './schema.js';
import { SchemaValidator } from './validate.js';
import { cleanPath, joinPath, labRoots } from './files.js';
import type { FileMap } from './files.js';
import { errorAt, parseYamlDoc } from './yamlDoc.js';
import type { YamlDoc } from './yamlDoc.js';
import { checkAction, checkCheck, checkWorld, fileExists } from './rules.js';
import type { RuleContext } from './rules.js';

export interface LoadedLab {
  lab: Lab;
  /** The lab's folder in the file map (`labs/<id>`): relative paths resolve against it. */
  root: string;
}

export type LoadLabResult = { ok: true; lab: Lab; root: string } | { ok: false; errors: LocatedError[] };

const validator = new SchemaValidator(LAB_SCHEMA);

/** Schema errors of a parsed document, located. */
export function schemaErrors(doc: YamlDoc, v: SchemaValidator, schema?: JsonValue): LocatedError[] {
  return v.validate(doc.value, schema).map((e) => errorAt(doc, e.path, e.message));
}

export function loadLab(files: FileMap, root: string): LoadLabResult {
  const dir = cleanPath(root);
  const file = `${dir}/lab.yaml`;
  const text = files[file];
  if (text === undefined) return { ok: false, errors: [{ file, message: `${file} does not exist` }] };
  const parsed = parseYamlDoc(text, file);
  if ('error' in parsed) return { ok: false, errors: [parsed.error] };
  const doc = parsed.doc;
  const errors = schemaErrors(doc, validator);
  if (errors.length > 0) return { ok: false, errors };
  const lab = doc.value as unknown as Lab;
  const folder = dir.slice(dir.lastIndexOf('/') + 1);
  if (lab.id !== folder) errors.push(errorAt(doc, ['id'], `id "${lab.id}" must equal the folder name "${folder}"`));
  const ctx: RuleContext = { doc, files, base: dir, errors, repos: new Set() };
  checkWorld(ctx, lab.scenario, ['scenario']);
  const ids = new Set<string>();
  lab.steps.forEach((step, i) => {
    if (ids.has(step.id)) errors.push(errorAt(doc, ['steps', i, 'id'], `duplicate step id "${step.id}"`));
    ids.add(step.id);
    fileExists(ctx, step.body, ['steps', i, 'body'], 'step body');
    step.checks.forEach((c, j) => checkCheck(ctx, c, ['steps', i, 'checks', j]));
    (step.solution ?? []).forEach((a, j) => checkAction(ctx, a, ['steps', i, 'solution', j]));
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, lab, root: dir };
}

export interface LabSummary {
  id: string;
  root: string;
  title: string;
  chapter: number;
  objectives: string[];
  estimatedMinutes: number;
  steps: number;
}

/** Every lab under `base` (default `labs`), loaded; the broken ones with their errors. */
export function loadLabs(files: FileMap, base = 'labs'): { labs: LoadedLab[]; errors: LocatedError[] } {
  const labs: LoadedLab[] = [];
  const errors: LocatedError[] = [];
  for (const root of labRoots(files, base)) {
    const r = loadLab(files, root);
    if (r.ok) labs.push({ lab: r.lab, root: r.root });
    else errors.push(...r.errors);
  }
  labs.sort((a, b) => a.lab.chapter - b.lab.chapter || (a.lab.id < b.lab.id ? -1 : a.lab.id > b.lab.id ? 1 : 0));
  return { labs, errors };
}

export function summarize(l: LoadedLab): LabSummary {
  const { lab } = l;
  return { id: lab.id, root: l.root, title: lab.title, chapter: lab.chapter, objectives: lab.objectives, estimatedMinutes: lab.estimatedMinutes, steps: lab.steps.length };
}

/** A step's markdown text. */
export function stepBody(files: FileMap, l: LoadedLab, step: number): string {
  const s = l.lab.steps[step];
  return s ? (files[joinPath(l.root, s.body)] ?? '') : '';
}
