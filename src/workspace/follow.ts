/**
 * Which commit each git working copy stands on: the branch checked out in the Git tab (saved by persistence, so it
 * survives a reload) or else the repo's default branch. `HeadFollower` re-reads a repo's tree when that branch
 * moves and makes it the working copy's base. Plain TypeScript (no React), so it is unit-tested against the engine.
 */

/** What the follower needs of a `git.repos` row. */
export interface FollowedRepo {
  url: string;
  name: string;
  branches: string[];
  /** The commit the repo's HEAD (default branch) points at; '' for an empty repository. */
  head: string;
  defaultBranch: string;
}

export type ReadTree = (url: string, ref: string) => Promise<{ sha: string; files: Record<string, string> }>;

/** The branch a working copy is on: the one checked out in the Git tab while it exists, else the default branch. */
export function checkedOutBranch(repo: Pick<FollowedRepo, 'url' | 'branches' | 'defaultBranch'>, branches: Record<string, string>): string {
  const b = branches[repo.url];
  return b && repo.branches.includes(b) ? b : repo.defaultBranch;
}

export class HeadFollower {
  /** Repo name → what was last asked for (branch + what tells that it may have moved). */
  private asked = new Map<string, string>();
  /** Repo name → `branch@sha` last made the base. */
  private applied = new Map<string, string>();
  /** Repo name → number of the newest read (an older answer arriving late is dropped). */
  private latest = new Map<string, number>();
  private seq = 0;

  constructor(private readonly syncBase: (repoName: string, files: Record<string, string>) => void) {}

  /** Start over (after the workspace's files were replaced wholesale: import, restore, reset). */
  reset(): void {
    this.asked.clear();
    this.applied.clear();
    this.latest.clear();
  }

  /**
   * Bring every working copy's base to its branch's commit. `worldKey` changes when the world may have changed in
   * ways `head` does not show (an action ran, the timeline moved): the default branch's moves show in `head`, another
   * branch's only through it. Resolves when the reads it started are done.
   */
  async follow(readTree: ReadTree, repos: FollowedRepo[], branches: Record<string, string>, worldKey: string): Promise<void> {
    const reads: Promise<void>[] = [];
    for (const r of repos) {
      if (!r.head) continue;
      const branch = checkedOutBranch(r, branches);
      const key = branch === r.defaultBranch ? `${branch}|${r.head}` : `${branch}|${r.head}|${worldKey}`;
      if (this.asked.get(r.name) === key) continue;
      this.asked.set(r.name, key);
      const n = ++this.seq;
      this.latest.set(r.name, n);
      reads.push(
        readTree(r.url, branch).then(
          (t) => {
            if (this.latest.get(r.name) !== n) return;
            const at = `${branch}@${t.sha}`;
            if (this.applied.get(r.name) === at) return;
            this.applied.set(r.name, at);
            this.syncBase(r.name, t.files);
          },
          (err: unknown) => {
            if (this.latest.get(r.name) === n) this.asked.delete(r.name);
            console.warn(`workspace: cannot read ${r.url} at ${branch}`, err);
          },
        ),
      );
    }
    await Promise.all(reads);
  }
}
