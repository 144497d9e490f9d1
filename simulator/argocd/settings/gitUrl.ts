/**
 * util/git NormalizeGitURL / SameURL: lower-case, trimmed, `.git` dropped, scp-style SSH (`git@host:org/repo`)
 * rewritten to `git@host/org/repo`. Used to match repository Secrets (same URL) and repo-creds (URL prefix).
 */
function isScpSsh(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//.test(url) && /^[^/@:]+@[^/:]+:/.test(url);
}

export function normalizeGitURL(repo: string): string {
  let url = repo.trim().toLowerCase();
  const ssh = url.startsWith('ssh://') || isScpSsh(url);
  if (ssh && !url.startsWith('ssh://')) url = url.replace(':', '/');
  url = url.replace(/\.git$/, '');
  if (url.startsWith('ssh://')) url = url.slice('ssh://'.length);
  return url;
}

export function sameURL(left: string, right: string): boolean {
  const l = normalizeGitURL(left);
  const r = normalizeGitURL(right);
  return l !== '' && r !== '' && l === r;
}
