/** What running one action reports. An action never throws for a learner-level failure: it says so here. */
export interface ActionResult {
  /** One line: what was done, e.g. `argocd sync guestbook (as admin)`. */
  action: string;
  ok: boolean;
  /** The failure, worded like the real tool (`rpc error: code = PermissionDenied desc = permission denied`). */
  error?: string;
  /** Extra outcome worth showing (objects applied, a settle that hit its limit). */
  note?: string;
}
