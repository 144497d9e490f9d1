import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// One id per test run, inherited by vitest's workers: the e2e files share one production build (test/e2e/app.ts).
process.env.ARGO_E2E_RUN ??= `${process.pid}`;

/** The files pyodide fetches at run time; the worker loads them from `<base>/pyodide/` in a build. */
const PYODIDE_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

function shipPyodide(): Plugin {
  let outDir = 'dist';
  return {
    name: 'argo-sandbox:pyodide-files',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const from = join('node_modules', 'pyodide');
      const to = join(outDir, 'pyodide');
      mkdirSync(to, { recursive: true });
      for (const f of PYODIDE_FILES) if (existsSync(join(from, f))) copyFileSync(join(from, f), join(to, f));
    },
  };
}

export default defineConfig({
  plugins: [react(), shipPyodide()],
  worker: { format: 'es' },
  test: {
    include: ['test/**/*.test.ts', 'simulator/**/*.test.ts', 'labs/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
