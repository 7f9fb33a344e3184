import type { Check } from './checks';

export const HOSTILE_CHECKS: Check[] = [];
