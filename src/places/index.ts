import type { Stage } from '../pipeline.js';

/** The places stage. (Skeleton: fills nothing yet.) */
export const placesStage: Stage = {
  name: 'places',
  run() {},
};
