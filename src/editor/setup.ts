/**
 * Monaco + monaco-yaml, set up once (this module is the editor's lazy chunk). Schemas are associated by content,
 * not file name: a root schema picks a kind's schema with `if: {apiVersion, kind} then: $ref`, per YAML document.
 */
import * as monaco from './monacoCore';
import { configureMonacoYaml } from 'monaco-yaml';
import type { MonacoYaml, SchemasSettings } from 'monaco-yaml';
import EditorWorker from './editor.worker?worker';
import YamlWorker from './yaml.worker?worker';
import { loadSchema } from './schemas';

export { monaco };

self.MonacoEnvironment = {
  getWorker(_id, label) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

// Disposing an editor cancels its pending language requests; Monaco rejects them with a `Canceled` error nobody
// awaits (microsoft/monaco-editor#2382). That is expected when a tab closes, not a failure: keep it off the console.
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  if (reason instanceof Error && reason.name === 'Canceled' && reason.message === 'Canceled') event.preventDefault();
});

const SCHEMA_URI = 'https://argo-sandbox.local/schemas/kubernetes.json';

// The schema is loaded with the editor chunk, before monaco-yaml starts: reconfiguring it later restarts its worker,
// and a restarted worker was seen answering from a stale copy of the document. One configuration, no restarts.
const schema = await loadSchema();

export const monacoYaml: MonacoYaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  format: { enable: true, singleQuote: false, proseWrap: 'preserve' },
  hoverSchemaSource: false,
  // Every YAML file: the schema picks each document's kind by its apiVersion and kind.
  schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema: schema as SchemasSettings['schema'] }],
});

/** Light/dark from the page's colour scheme (the app follows `prefers-color-scheme`). */
export function themeFor(dark: boolean): string {
  return dark ? 'vs-dark' : 'vs';
}
