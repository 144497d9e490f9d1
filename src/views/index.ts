/**
 * The app's views, one folder each, loaded lazily (only the open view's code is fetched). Add a view with ONE line.
 * A view's default export is a component taking `ViewProps`.
 */
import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Engine } from '../engine';
import type { ViewModel } from '../worker/protocol';

export interface ViewProps {
  engine: Engine | null;
  view: ViewModel | null;
}

export interface ViewDef {
  id: string;
  title: string;
  component: LazyExoticComponent<ComponentType<ViewProps>>;
}

export const VIEWS: ViewDef[] = [
  { id: 'editor', title: 'Editor', component: lazy(() => import('./editor')) },
  { id: 'cluster', title: 'Cluster', component: lazy(() => import('./cluster')) },
  { id: 'apps', title: 'Applications', component: lazy(() => import('./apps')) },
  { id: 'terminal', title: 'Terminal', component: lazy(() => import('./terminal')) },
  { id: 'workflows', title: 'Workflows', component: lazy(() => import('./workflows')) },
  { id: 'pod', title: 'Pod', component: lazy(() => import('./pod')) },
  { id: 'labs', title: 'Labs', component: lazy(() => import('./labs')) },
  { id: 'git', title: 'Git', component: lazy(() => import('./git')) },
  { id: 'real', title: 'Real cluster', component: lazy(() => import('../real/RealClusterView')) },
];

export { NavContext, useNav } from './nav';
export type { Nav, NavTarget } from './nav';
