/** The "Real cluster" view: the panel, with the simulation's side read from the engine. */
import { useMemo } from 'react';
import type { KubeObject, ObjectRef, RepoFiles } from '../../bridge/server/protocol';
import { query } from '../engine/feature';
import type { ViewProps } from '../views/index';
import { RealClusterPanel } from './RealClusterPanel';
import type { SimSide } from './RealClusterPanel';

const RUN_KINDS = ['Workflow', 'Application'];

export default function RealClusterView({ engine, view }: ViewProps) {
  const runsKey = JSON.stringify(
    (view?.kinds ?? [])
      .filter((g) => RUN_KINDS.includes(g.kind) && g.group === 'argoproj.io')
      .flatMap((g) => g.rows.map((r) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: g.kind, namespace: r.namespace, name: r.name }))),
  );
  const sim: SimSide = useMemo(
    () => ({
      runs: JSON.parse(runsKey) as ObjectRef[],
      get: async (ref) => (engine ? (((await query(engine, 'cluster', 'get', ref)) as KubeObject | null) ?? undefined) : undefined),
      repos: async (): Promise<RepoFiles[]> => {
        if (!engine) return [];
        const repos = (await query(engine, 'git', 'repos')).filter((r) => r.head !== ''); // an empty repository has nothing to serve
        return Promise.all(repos.map(async (r) => ({ repoURL: r.url, files: (await query(engine, 'git', 'tree', r.url)).files })));
      },
    }),
    [engine, runsKey],
  );
  return <RealClusterPanel sim={sim} />;
}
