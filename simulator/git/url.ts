/**
 * repoURL → repository key. Follows Argo CD's `git.NormalizeGitURL` (lower-case, trimmed, trailing `.git`
 * dropped) and goes one step further on purpose: a git server such as GitHub serves one repository over
 * both `https://host/org/repo` and `git@host:org/repo.git`, so the sandbox's host maps both to one key.
 */
export function normalizeRepoURL(url: string): string {
  let rest = url.trim().toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
  } else {
    // scp-like SSH form `user@host:org/repo`: the first colon separates host and path.
    const scp = /^([^/@]+@)?([^/:]+):(?!\/)(.*)$/.exec(rest);
    if (scp) rest = `${scp[2]}/${scp[3]}`;
  }
  const slash = rest.indexOf('/');
  let host = slash < 0 ? rest : rest.slice(0, slash);
  let path = slash < 0 ? '' : rest.slice(slash + 1);
  host = host.replace(/^[^@]*@/, ''); // credentials or the `git@` SSH user name
  host = host.replace(/:\d+$/, ''); // a port: https and ssh use different ones for the same repository
  path = path.replace(/[?#].*$/, '');
  for (;;) {
    const trimmed = path.replace(/\/+$/, '').replace(/\.git$/, '');
    if (trimmed === path) break;
    path = trimmed;
  }
  path = path.replace(/\/{2,}/g, '/');
  return path ? `${host}/${path}` : host;
}
