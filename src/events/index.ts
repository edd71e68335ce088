import type { Stage } from '../pipeline.js';

/** The events stage. (Skeleton: fills nothing yet.) */
export const eventsStage: Stage = {
  name: 'events',
  run() {},
};
