// The YAML language server (monaco-yaml) in its own worker; a local entry so Vite bundles it with `?worker`.
import 'monaco-yaml/yaml.worker.js';
