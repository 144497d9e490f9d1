// Monaco's own worker (diffs, links, word ranges); a local entry so Vite bundles it with `?worker`.
import 'monaco-editor/esm/vs/editor/editor.worker.js';
