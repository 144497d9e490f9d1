/**
 * Argo CD's `directory.include` / `exclude` matching: util/glob over gobwas/glob with no separators, so
 * `*` and `?` also cross `/`; `[abc]` classes, `{a.yaml,b.yaml}` alternatives. The same matcher as RBAC's.
 */
export { globMatch } from '../rbac/glob.js';
