/**
 * What each property is checked on: (property, generator) pairs, each an arbitrary of ready-made cases.
 * A campaign splits a property's cases evenly over its targets.
 */
import fc from 'fast-check';
import { bytesDecoded, cleanPage, cleanParagraph, damagedText, lostInput, lostOne, unicodeString } from './generators';
import type { EvidenceMode, FuzzCase, PropertyName } from './properties';

export const GENERATORS = {
  unicode: unicodeString,
  bytes: bytesDecoded.map((b) => b.text),
  damaged: damagedText.map((d) => d.text),
  lost: lostOne.map(lostInput),
  clean: cleanParagraph,
  page: cleanPage.map((p) => p.join('\n')),
} as const;
export type GeneratorName = keyof typeof GENERATORS;

export interface Target {
  property: PropertyName;
  generator: GeneratorName;
  arb: fc.Arbitrary<FuzzCase>;
}

function on(property: PropertyName, generator: GeneratorName, modes: EvidenceMode[]): Target {
  return {
    property,
    generator,
    arb: fc.tuple(GENERATORS[generator], fc.constantFrom(...modes)).map(([input, evidence]) => ({ property, input, evidence })),
  };
}

const lostTarget = (modes: EvidenceMode[]): Target => ({
  property: 'lost-neighbour',
  generator: 'lost',
  arb: fc.tuple(lostOne, fc.constantFrom(...modes)).map(([c, evidence]) => ({
    property: 'lost-neighbour',
    input: lostInput(c),
    evidence,
    lost: c.lost,
    span: [c.before.length, c.before.length + 1] as [number, number],
  })),
});

const collateralTarget = (modes: EvidenceMode[]): Target => ({
  property: 'no-collateral',
  generator: 'damaged',
  arb: fc.tuple(damagedText, fc.constantFrom(...modes)).map(([d, evidence]) => ({ property: 'no-collateral', input: d.text, evidence, span: d.span })),
});

const ANY: EvidenceMode[] = ['standalone', 'none', 'clean-page', 'founder-page'];
const FIXED: EvidenceMode[] = ['none', 'own', 'clean-page', 'founder-page'];

export const TARGETS: Record<PropertyName, Target[]> = {
  'no-throw': (['unicode', 'bytes', 'damaged'] as const).map((g) => on('no-throw', g, ANY)),
  'well-formed': (['unicode', 'bytes', 'damaged', 'lost', 'page'] as const).map((g) => on('well-formed', g, ANY)),
  idempotent: (['unicode', 'bytes', 'damaged', 'lost'] as const).flatMap((g) => [on('idempotent', g, ['standalone']), on('idempotent', g, FIXED)]),
  'clean-unchanged': [on('clean-unchanged', 'clean', ['standalone', 'none']), on('clean-unchanged', 'page', ['standalone', 'page'])],
  'lost-neighbour': [lostTarget(['standalone']), lostTarget(['none'])],
  'no-collateral': [collateralTarget(['standalone']), collateralTarget(['none', 'clean-page', 'founder-page'])],
};
