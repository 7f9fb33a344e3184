export type { Engine, Evidence, Extent, Hints, RepairKind, RepairResult, Step } from './types';
export { REPAIR_KINDS, emptyEvidence, mergeEvidence } from './types';
export { repair, collectEvidence } from './repair';
export { applySteps } from './apply-steps';
