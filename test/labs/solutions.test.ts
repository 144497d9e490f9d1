/**
 * Every lab's reference solution, headless: from a fresh world, each step's checks are red before its
 * solution (so the checks can fail) and green after it, together with every earlier step's checks
 * (unless a step `resets`). One world per lab, shared across its steps.
 */
import { describe, expect, it } from 'vitest';
import { evaluateChecks, labRoots } from '../../simulator/labs/index.js';
import { failing, readFiles, startLab } from './support.js';

const files = readFiles('labs', 'test/labs/fixtures');
const roots = [...labRoots(files, 'labs'), ...labRoots(files, 'test/labs/fixtures')];

describe('lab solutions turn every check green', () => {
  for (const root of roots) {
    it(root, async () => {
      const session = await startLab(files, root);
      for (const [i, step] of session.lab.steps.entries()) {
        const where = `${root} step ${i + 1} (${step.id})`;
        const before = session.evaluate(i);
        expect(before.some((r) => !r.ok), `${where}: every check already holds before its solution, so none of them can fail`).toBe(true);
        const actions = await session.applySolution(i);
        const bad = actions.filter((a) => !a.ok).map((a) => `${a.action}: ${a.error ?? ''}`);
        expect(bad, `${where}: solution action failed`).toEqual([]);
        const after = evaluateChecks(session.world, session.cumulativeChecks(i).map((c) => c.check));
        expect(failing(after), `${where}: checks still red after the solution`).toBe('');
      }
    });
  }
});
