/** The Chinese character model: pure data and lookups, no DOM, browser or Node APIs. */
export { hanLog10P, isKnownHan, UNSEEN_HAN_LOG10P } from './unigram';
export { pairLog10P, pairPmi } from './pairs';
export { singleWordLog10P } from './single-word';
export { isTetragramWordAt, isTetragramWordStartingAt, isTrigramWord, isTrigramWordStarting } from './trigram-words';
export { isCommonHan } from './common-han';
export { startsName } from './name-start';
export * from './text-score';
