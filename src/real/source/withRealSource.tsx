/**
 * A view that shows the real cluster instead while the data source is Real (the simulated view comes back on
 * switch). The real side is its own chunk, fetched the first time Real is picked.
 */
import { lazy, Suspense } from 'react';
import type { ComponentType } from 'react';
import type { ViewProps } from '../../views/index';
import { useRealSource } from './context';

export function withRealSource(Simulated: ComponentType<ViewProps>, loadReal: () => Promise<{ default: ComponentType<ViewProps> }>): ComponentType<ViewProps> {
  const Real = lazy(loadReal);
  function SourcedView(props: ViewProps) {
    if (!useRealSource().active) return <Simulated {...props} />;
    return (
      <Suspense fallback={<div className="loading" role="status">Loading the real cluster…</div>}>
        <Real {...props} />
      </Suspense>
    );
  }
  SourcedView.displayName = `withRealSource(${Simulated.displayName ?? Simulated.name})`;
  return SourcedView;
}
