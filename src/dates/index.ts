import type { Stage } from '../pipeline.js';

/** The dates stage. (Skeleton: fills nothing yet.) */
export const datesStage: Stage = {
  name: 'dates',
  run() {},
};
