export type { Evidence, Hints, RepairKind, RepairResult, Step } from './types';
export { REPAIR_KINDS } from './types';
export { repair, collectEvidence } from './repair';
export { applySteps } from './apply-steps';
