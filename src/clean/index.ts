import type { Stage } from '../pipeline.js';

/** The clean stage. (Skeleton: fills nothing yet.) */
export const cleanStage: Stage = {
  name: 'clean',
  run() {},
};
