/** `npm run test:real`: the tests that need Docker (a real kind cluster). `npm test` never picks these up. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/real/**/*.real.ts'],
    environment: 'node',
    // Pulling kindest/node and the Argo images, kubeadm init, and Argo's rollouts take minutes.
    testTimeout: 20 * 60_000,
    hookTimeout: 20 * 60_000,
  },
});
