/**
 * Monaco + monaco-yaml, set up once (this module is the editor's lazy chunk). Schemas are associated by content,
 * not file name: a root schema picks a kind's schema with `if: {apiVersion, kind} then: $ref`, per YAML document.
 * Kind schemas load lazily, the first time a file mentions the kind.
 */
import * as monaco from './monacoCore';
import { configureMonacoYaml } from 'monaco-yaml';
import type { MonacoYaml, SchemasSettings } from 'monaco-yaml';
import EditorWorker from './editor.worker?worker';
import YamlWorker from './yaml.worker?worker';
import { KIND_SCHEMAS } from './schemas';
import type { KindSchema } from './schemas';

export { monaco };

self.MonacoEnvironment = {
  getWorker(_id, label) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

const SCHEMA_BASE = 'https://argo-sandbox.local/schemas/';
const ROOT_URI = `${SCHEMA_BASE}kubernetes.json`;

const schemaUri = (k: KindSchema) => `${SCHEMA_BASE}${k.apiVersion.replace(/\//g, '.')}.${k.kind.toLowerCase()}.json`;

const loaded = new Map<KindSchema, object>();
const loading = new Map<KindSchema, Promise<void>>();

/** Offer every kind we know for `apiVersion`/`kind`, and pick the loaded kind's schema by them. */
function rootSchema(): object {
  const allOf = [...loaded.keys()].map((k) => ({
    if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
    then: { $ref: schemaUri(k) },
  }));
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: 'The versioned schema of this object (group/version).', enum: [...new Set(KIND_SCHEMAS.map((k) => k.apiVersion))] },
      kind: { type: 'string', description: 'The kind of object this is, like Deployment or Workflow.', enum: [...new Set(KIND_SCHEMAS.map((k) => k.kind))] },
    },
    allOf,
  };
}

function schemas(): SchemasSettings[] {
  const list: SchemasSettings[] = [{ uri: ROOT_URI, fileMatch: ['*'], schema: rootSchema() as SchemasSettings['schema'] }];
  for (const [k, schema] of loaded) list.push({ uri: schemaUri(k), fileMatch: [], schema: schema as SchemasSettings['schema'] });
  return list;
}

export const monacoYaml: MonacoYaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  format: { enable: true, singleQuote: false, proseWrap: 'preserve' },
  hoverSchemaSource: false,
  schemas: schemas(),
});

/** `apiVersion`/`kind` pairs written in a YAML text (top-level keys of each document). */
export function kindsIn(text: string): KindSchema[] {
  const out = new Set<KindSchema>();
  for (const doc of text.split(/^---.*$/m)) {
    const kind = /^kind:\s*["']?([A-Za-z0-9]+)/m.exec(doc)?.[1];
    const apiVersion = /^apiVersion:\s*["']?([A-Za-z0-9./-]+)/m.exec(doc)?.[1];
    if (!kind) continue;
    for (const k of KIND_SCHEMAS) if (k.kind === kind && (!apiVersion || k.apiVersion === apiVersion)) out.add(k);
  }
  return [...out];
}

/** Load the schemas `text` needs (once each) and hand the new set to the YAML worker. Resolves when in place. */
export async function ensureSchemasFor(text: string): Promise<void> {
  const missing = kindsIn(text).filter((k) => !loaded.has(k));
  if (missing.length === 0) return;
  await Promise.all(
    missing.map((k) => {
      let p = loading.get(k);
      if (!p) {
        p = k.load().then((schema) => {
          loaded.set(k, schema);
        });
        loading.set(k, p);
      }
      return p;
    }),
  );
  await monacoYaml.update({ schemas: schemas() });
}

/** Light/dark from the page's colour scheme (the app follows `prefers-color-scheme`). */
export function themeFor(dark: boolean): string {
  return dark ? 'vs-dark' : 'vs';
}
