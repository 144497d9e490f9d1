/** The Argo CD benchmark body at a tiny size: it syncs what it claims (figures only in `npm run bench`). */
import { describe, expect, it } from 'vitest';
import { benchArgoSync } from '../../../bench/benchmarks.js';

describe('argocd bench (tiny)', () => {
  it('an app of N resources in waves with hooks syncs to Synced/Healthy and refreshes Synced', async () => {
    const r = await benchArgoSync(30, 5);
    expect(r).toMatchObject({ resources: 30, sync: 'Synced', health: 'Healthy', phase: 'Succeeded', settled: true, refreshSync: 'Synced' });
    // 30 resources + PreSync and PostSync hooks, each once in the operation's results.
    expect(r.results).toBe(32);
    // Four 2 s pauses between the five waves, at least.
    expect(r.virtualMs).toBeGreaterThanOrEqual(8_000);
  });
});
