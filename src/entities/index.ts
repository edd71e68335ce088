import type { Stage } from '../pipeline.js';

/** The entities stage. (Skeleton: fills nothing yet.) */
export const entitiesStage: Stage = {
  name: 'entities',
  run() {},
};
