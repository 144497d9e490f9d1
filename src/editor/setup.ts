/**
 * Monaco + monaco-yaml, set up once (this module is the editor's lazy chunk). Schemas are associated by content,
 * not file name: a root schema picks a kind's schema with `if: {apiVersion, kind} then: $ref`, per YAML document.
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

// Every kind's schema is loaded with the editor chunk (each its own file, fetched in parallel), before monaco-yaml
// starts: reconfiguring it later restarts its worker, and a restarted worker was seen answering from a stale copy
// of the document (completion for the previous kind). One configuration, no restarts.
await Promise.all(
  KIND_SCHEMAS.map(async (k) => {
    loaded.set(k, await k.load());
  }),
);

export const monacoYaml: MonacoYaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  format: { enable: true, singleQuote: false, proseWrap: 'preserve' },
  hoverSchemaSource: false,
  schemas: schemas(),
});

/** Light/dark from the page's colour scheme (the app follows `prefers-color-scheme`). */
export function themeFor(dark: boolean): string {
  return dark ? 'vs-dark' : 'vs';
}
