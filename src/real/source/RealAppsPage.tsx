/** The Applications tab on the real cluster: the same cards with sync and health from a live watch; details read-only. */
import { useMemo, useState } from 'react';
import { AppList } from '../../views/apps/AppList';
import { HealthBadge, SyncBadge } from '../../views/apps/badges';
import type { ViewProps } from '../../views/index';
import { useRealSource } from './context';
import { ReadOnlyActions, RealObjectYaml } from './parts';
import { kindKey, realAppSummaries } from './rows';
import { useRealObjects } from './useRealObjects';

const KINDS = [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' }];
const KEY = kindKey('argoproj.io/v1alpha1', 'Application');
const ACTIONS = ['Sync', 'Refresh', 'Rollback', 'Delete'];

export default function RealAppsPage(_props: ViewProps) {
  const { bridge } = useRealSource();
  const { objects, errors } = useRealObjects(bridge.client, KINDS);
  const [open, setOpen] = useState<string>();
  const items = objects.get(KEY);
  const apps = useMemo(() => (items ? realAppSummaries(items) : undefined), [items]);
  const app = open ? apps?.find((a) => a.name === open) : undefined;
  const obj = open ? items?.find((o) => o.metadata.name === open) : undefined;
  return (
    <main className="apps-page">
      {app ? (
        <section className="panel" aria-label={`Application ${app.name} in the real cluster`}>
          <div className="panel-head">
            <button type="button" className="btn small" onClick={() => setOpen(undefined)}>
              ← Applications
            </button>
            <h2 className="panel-title">{app.name}</h2>
            <SyncBadge status={app.sync} />
            <HealthBadge health={app.health} />
          </div>
          <ReadOnlyActions actions={ACTIONS} label="Application actions" />
          <RealObjectYaml obj={obj} label={`YAML of Application ${app.name} in the real cluster`} />
        </section>
      ) : (
        <AppList apps={apps} error={errors.length ? errors.join('; ') : undefined} onOpen={setOpen} />
      )}
    </main>
  );
}
