/** The Sync, Rollback-confirm and Delete dialogs (native modal <dialog>: focus trap and Escape for free). */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { AppDetail, SyncChoices } from '../../worker/features/apps/types';

function Modal({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} className="modal" aria-label={title} onClose={onClose}>
      <h2 className="modal-title">{title}</h2>
      {children}
    </dialog>
  );
}

/** Argo CD's sync options (the checkboxes of its sync panel). */
const OPTIONS: { option: string; label: string; help: string }[] = [
  { option: 'CreateNamespace=true', label: 'Auto-create namespace', help: 'Create the destination namespace if it does not exist.' },
  { option: 'ApplyOutOfSyncOnly=true', label: 'Apply out of sync only', help: 'Skip resources that already match git.' },
  { option: 'PruneLast=true', label: 'Prune last', help: 'Delete pruned resources after every other wave, not in their own wave.' },
  { option: 'ServerSideApply=true', label: 'Server-side apply', help: 'kubectl apply --server-side: field ownership by manager.' },
  { option: 'Replace=true', label: 'Replace', help: 'kubectl replace/create instead of apply (destructive for some fields).' },
  { option: 'RespectIgnoreDifferences=true', label: 'Respect ignore differences', help: 'Keep ignored fields as they are live.' },
];

export function SyncDialog({ app, onSync, onClose }: { app: AppDetail; onSync(c: SyncChoices): void; onClose(): void }) {
  const [prune, setPrune] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [applyOnly, setApplyOnly] = useState(false);
  const [force, setForce] = useState(false);
  const [revision, setRevision] = useState(app.targetRevision);
  const [options, setOptions] = useState<string[]>(app.syncOptions);
  const managed = app.tree.filter((n) => n.key && !n.hook);
  const [picked, setPicked] = useState<string[]>(managed.map((n) => n.key!));
  const toggle = (list: string[], v: string, on: boolean) => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));
  const submit = () => {
    const c: SyncChoices = { prune, dryRun, applyOnly, force, syncOptions: options };
    if (revision && revision !== app.targetRevision) c.revision = revision;
    // Every resource checked = a full sync (hooks run); fewer = selective sync.
    if (picked.length < managed.length) c.resources = picked;
    onSync(c);
  };
  return (
    <Modal title={`Synchronize ${app.name}`} onClose={onClose}>
      <form
        method="dialog"
        className="sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          Revision
          <input className="input" value={revision} onChange={(e) => setRevision(e.target.value)} aria-label="Revision" />
        </label>
        <fieldset>
          <legend>Sync</legend>
          <label title="Delete live resources that are no longer in git">
            <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} /> Prune
          </label>
          <label title="Run every check without changing the cluster">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run
          </label>
          <label title="Strategy apply: hooks are skipped">
            <input type="checkbox" checked={applyOnly} onChange={(e) => setApplyOnly(e.target.checked)} /> Apply only
          </label>
          <label title="kubectl apply --force: delete and re-create what cannot be patched">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force
          </label>
        </fieldset>
        <fieldset>
          <legend>Sync options</legend>
          {OPTIONS.map((o) => (
            <label key={o.option} title={o.help}>
              <input type="checkbox" checked={options.includes(o.option)} onChange={(e) => setOptions(toggle(options, o.option, e.target.checked))} /> {o.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="sync-resources">
          <legend>
            Resources{' '}
            <button type="button" className="link" onClick={() => setPicked(picked.length === managed.length ? [] : managed.map((n) => n.key!))}>
              {picked.length === managed.length ? 'none' : 'all'}
            </button>
          </legend>
          {managed.length === 0 && <p className="muted">The app has no managed resources yet.</p>}
          {managed.map((n) => (
            <label key={n.key}>
              <input type="checkbox" checked={picked.includes(n.key!)} onChange={(e) => setPicked(toggle(picked, n.key!, e.target.checked))} /> {n.ref.kind}/{n.ref.name}{' '}
              <span className="muted">{n.sync}</span>
            </label>
          ))}
          {picked.length < managed.length && <p className="muted">Selective sync: only the checked resources are applied, hooks do not run.</p>}
        </fieldset>
        <div className="modal-actions">
          <button type="submit" className="btn primary" disabled={picked.length === 0}>
            Synchronize
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function DeleteDialog({ name, onDelete, onClose }: { name: string; onDelete(opts: { cascade: boolean; propagationPolicy?: string }): void; onClose(): void }) {
  const [typed, setTyped] = useState('');
  const [cascade, setCascade] = useState(true);
  const [policy, setPolicy] = useState('foreground');
  return (
    <Modal title={`Delete ${name}`} onClose={onClose}>
      <form
        className="sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          onDelete(cascade ? { cascade, propagationPolicy: policy } : { cascade });
        }}
      >
        <p>Cascade deletes the app's resources too (the resources finalizer); without it they stay in the cluster, unmanaged.</p>
        <label>
          <input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} /> Cascade
        </label>
        {cascade && (
          <label className="field">
            Propagation policy
            <select value={policy} onChange={(e) => setPolicy(e.target.value)} aria-label="Propagation policy">
              <option value="foreground">foreground</option>
              <option value="background">background</option>
            </select>
          </label>
        )}
        <label className="field">
          Type the application name to confirm
          <input className="input" value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Application name to confirm" />
        </label>
        <div className="modal-actions">
          <button type="submit" className="btn danger" disabled={typed !== name}>
            Delete
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
