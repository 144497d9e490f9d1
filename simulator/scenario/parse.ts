/**
 * Read a scenario file. `kind: Scenario` files are validated (schema + the lab loader's rules, with paths
 * relative to `scenarios/<name>/`); any other file is a plain multi-document manifest, applied at time
 * zero with no script, so older scenario files (scenarios/default.yaml) keep working.
 */
import type { LocatedError } from '../core/errors.js';
import { parseDuration } from '../core/clock.js';
import { isJsonObject } from '../cluster/types.js';
import { parseManifests } from '../manifest/index.js';
import { SCENARIO_SCHEMA } from '../labs/schema.js';
import { SchemaValidator } from '../labs/validate.js';
import { schemaErrors } from '../labs/load.js';
import { errorAt, parseYamlDoc } from '../labs/yamlDoc.js';
import { actionKind, checkAction, checkWorld } from '../labs/rules.js';
import type { RuleContext } from '../labs/rules.js';
import { ACTION_KINDS } from '../labs/types.js';
import type { ActionItem, WorldSpec } from '../labs/types.js';
import { cleanPath } from '../labs/files.js';
import type { FileMap } from '../labs/files.js';
import type { Cue, Scenario } from './types.js';

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: LocatedError[] };

const validator = new SchemaValidator(SCENARIO_SCHEMA);

interface RawEntry {
  at: string;
  callout?: string;
  [k: string]: unknown;
}

/** `scenarios/sync-waves.yaml` → `sync-waves`. */
export function scenarioName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.replace(/\.ya?ml$/i, '');
}

/** True when the file's first document says `kind: Scenario`. */
export function isScenarioText(text: string): boolean {
  return /^kind:\s*["']?Scenario["']?\s*$/m.test(text);
}

export function parseScenario(files: FileMap, file: string): ParseScenarioResult {
  const path = cleanPath(file);
  const text = files[path];
  if (text === undefined) return { ok: false, errors: [{ file: path, message: `${path} does not exist` }] };
  const name = scenarioName(path);
  const base = `${path.slice(0, path.lastIndexOf('/') + 1)}${name}`;
  const parsed = parseYamlDoc(text, path);
  const first = 'doc' in parsed ? parsed.doc.value : undefined;
  if (!isJsonObject(first) || first.kind !== 'Scenario') return plain(text, path, name, base);
  if ('error' in parsed) return { ok: false, errors: [parsed.error] };
  const doc = parsed.doc;
  const errors = schemaErrors(doc, validator);
  if (errors.length > 0) return { ok: false, errors };
  const raw = doc.value as unknown as { title: string; description?: string; world?: WorldSpec; script?: RawEntry[] };
  const world = raw.world ?? {};
  const ctx: RuleContext = { doc, files, base, errors, repos: new Set() };
  checkWorld(ctx, world, ['world']);
  const script: Cue[] = [];
  (raw.script ?? []).forEach((entry, i) => {
    const at: (string | number)[] = ['script', i];
    const keys = ACTION_KINDS.filter((k) => Object.hasOwn(entry, k));
    if (keys.length > 1) errors.push(errorAt(doc, at, `has ${keys.join(' and ')}: one action per script entry`));
    if (keys.length === 0 && entry.callout === undefined) errors.push(errorAt(doc, at, `needs a callout or one of: ${ACTION_KINDS.join(', ')}`));
    if (keys.length === 0 && entry.expectError !== undefined) errors.push(errorAt(doc, [...at, 'expectError'], 'expectError needs an action'));
    const { at: atText, callout, ...rest } = entry;
    const action = actionKind(rest) ? (rest as unknown as ActionItem) : undefined;
    if (action) checkAction(ctx, action, at);
    script.push({ index: i, at: parseDuration(atText), atText, ...(callout !== undefined ? { callout } : {}), ...(action ? { action } : {}) });
  });
  if (errors.length > 0) return { ok: false, errors };
  script.sort((a, b) => a.at - b.at || a.index - b.index);
  return {
    ok: true,
    scenario: { name, title: raw.title, ...(raw.description !== undefined ? { description: raw.description } : {}), world, script, base, plain: false },
  };
}

function plain(text: string, file: string, name: string, base: string): ParseScenarioResult {
  const parsed = parseManifests(text, file);
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors };
  const comment = /^#\s*(.+)$/m.exec(text)?.[1];
  return {
    ok: true,
    // The path relative to `scenarios/<name>/`, so apply errors name the file itself.
    scenario: { name, title: comment ?? name, world: { apply: [`../${file.slice(file.lastIndexOf('/') + 1)}`] }, script: [], base, plain: true },
  };
}

/** Every `scenarios/*.yaml` in the file map, sorted by name. */
export function scenarioFiles(files: FileMap, dir = 'scenarios'): string[] {
  const prefix = `${cleanPath(dir)}/`;
  return Object.keys(files)
    .filter((k) => k.startsWith(prefix) && /\.ya?ml$/i.test(k) && !k.slice(prefix.length).includes('/'))
    .sort();
}
