/**
 * Where the worker loads pyodide from: the files of the `pyodide` npm package, served by the app
 * (no CDN, no network beyond the app's own origin). In development Vite serves node_modules; a
 * production build ships the package's files under `<base>/pyodide/` (vite.config.ts copies
 * node_modules/pyodide/{pyodide.asm.mjs,pyodide.asm.wasm,python_stdlib.zip,pyodide-lock.json}).
 * The JavaScript is a lazy chunk: nothing is fetched until a pod needs Python.
 */
import { setPyodideLoader } from '../../simulator/runtime/index.js';

export function pyodideIndexURL(): string {
  const base = import.meta.env.BASE_URL ?? '/';
  return import.meta.env.DEV ? new URL('/node_modules/pyodide/', self.location.origin).href : new URL(`${base}pyodide/`, self.location.origin).href;
}

export function installPyodideLoader(): void {
  setPyodideLoader(async () => {
    const { loadPyodide } = await import('pyodide');
    return loadPyodide({ indexURL: pyodideIndexURL() });
  });
}
