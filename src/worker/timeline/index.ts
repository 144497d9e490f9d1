/** Time travel for the engine host: journal positions, keyframes, replay, saved sessions. */
export { Timeline, type RunEntry, type ApplyInput, type TimelineDeps } from './timeline.js';
export { World, createWorld, restoreWorld } from './world.js';
export { Keyframes, MAX_KEYFRAMES, MAX_KEYFRAME_ITEMS } from './keyframes.js';
export type { LoadInput, TimelineEntry, Keyframe, SessionState, TimelineMark, TimelineView } from './types.js';
