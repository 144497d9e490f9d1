/** The panels of the UI; they read the view model and send commands through the engine handle. */
export { Header } from './Header';
export { ClusterView } from './ClusterView';
export { EventsPanel } from './EventsPanel';
export { ApplyPanel } from './ApplyPanel';
