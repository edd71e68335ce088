import type { Stage } from '../pipeline.js';

/** The attribution stage. (Skeleton: fills nothing yet.) */
export const attributionStage: Stage = {
  name: 'attribution',
  run() {},
};
