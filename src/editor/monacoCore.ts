/**
 * Monaco's editor core with all its editor contributions (hover, suggest, format, find, folding, markers…) and
 * YAML highlighting, without the other languages and their services (monaco-yaml brings the YAML one).
 */
import 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
export * from 'monaco-editor/esm/vs/editor/editor.api.js';
