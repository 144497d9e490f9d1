/** `commit`: the learner commits to one of the world's repositories (Argo CD sees it at its next refresh). */
import { argoCD } from '../../argocd/index.js';
import type { FileChanges } from '../../git/index.js';
import { joinPath } from '../files.js';
import type { LabWorld } from '../world.js';
import { LEARNER, signature } from '../world.js';
import type { Action } from '../types.js';

type CommitSpec = Extract<Action, { commit: unknown }>['commit'];

export async function commitAction(world: LabWorld, spec: CommitSpec): Promise<{ action: string; ok: boolean; error?: string; note?: string }> {
  const action = `git commit -m ${JSON.stringify(spec.message)} (${spec.repo}${spec.branch ? ` ${spec.branch}` : ''})`;
  const changes: FileChanges = {};
  for (const [path, change] of Object.entries(spec.files)) {
    if (change === null || typeof change === 'string') changes[path] = change;
    else {
      const text = world.files[joinPath(world.base, change.from)];
      if (text === undefined) return { action, ok: false, error: `${joinPath(world.base, change.from)} does not exist` };
      changes[path] = text;
    }
  }
  try {
    const repo = argoCD(world.sandbox).git.get(spec.repo);
    const sha = await repo.commit(changes, spec.message, signature(world.sandbox, LEARNER), spec.branch ? { branch: spec.branch } : {});
    return { action, ok: true, note: sha.slice(0, 7) };
  } catch (err) {
    return { action, ok: false, error: (err as Error).message };
  }
}
