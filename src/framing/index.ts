import type { Stage } from '../pipeline.js';

/** The framing stage. (Skeleton: fills nothing yet.) */
export const framingStage: Stage = {
  name: 'framing',
  run() {},
};
