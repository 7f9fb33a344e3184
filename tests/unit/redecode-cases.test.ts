/**
 * Re-decoding's JSON cases (tests/cases/redecode-*.json, format in tests/cases/README.md): each text is encoded in
 * its true encoding and shown as the browser would under its label, then judged as the extension judges it.
 *   redecode-pick.json             pickEncoding on the bytes: the expected encoding, sure or not sure
 *   redecode-damage-positive.json  the text as shown is a suspect or clearly mis-decoded
 *   redecode-damage-negative.json  clean text (as the browser shows it) is judged clean
 *   redecode-decide.json           the whole decision: auto (and to what), offer, or none
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repair } from '../../src/core/index';
import { assessDamage, damageSignals, DAMAGE_SAMPLE_CHARS, withWrongCodec, wrongCodecCoverage, type DamageVerdict } from '../../src/core/redecode/damage-signals';
import { AUTO_MIN_CONFIDENCE, decideRedecode } from '../../src/core/redecode/decide';
import { isRedecodeEncoding, type RedecodeEncoding } from '../../src/core/redecode/encodings';
import { pickEncoding } from '../../src/core/redecode/pick-encoding';
import { ENGINE_SAMPLE_CHARS } from '../../src/ext/content/redecode/redecode-session';
import { decodeAs, encodeIn, NODE_DECODERS } from '../../scripts/lib/redecode-codecs';

const load = <T>(name: string): T[] => JSON.parse(readFileSync(new URL(`../cases/${name}`, import.meta.url), 'utf8')) as T[];

function bytesOf(text: string, enc: string): Uint8Array {
  if (!isRedecodeEncoding(enc)) throw new Error(`unknown encoding ${enc}`);
  const bytes = encodeIn(enc, text);
  if (!bytes) throw new Error(`the case's text does not encode in ${enc}`);
  return bytes;
}

/** The damage verdict as the extension reaches it: the cheap signs, then the decoder's coverage unless already clear. */
function judge(shown: string) {
  const sample = shown.slice(0, DAMAGE_SAMPLE_CHARS);
  const cheap = assessDamage(damageSignals(sample));
  if (cheap.verdict === 'clear') return cheap;
  return assessDamage(withWrongCodec(cheap.signals, wrongCodecCoverage(repair(sample.slice(0, ENGINE_SAMPLE_CHARS)).steps)));
}

interface PickCase { name: string; text: string; encoding: string; expected?: string; sure?: boolean }
describe('redecode-pick.json', () => {
  it.each(load<PickCase>('redecode-pick.json').map((c) => [c.name, c] as const))('%s', (_, c) => {
    const p = pickEncoding(bytesOf(c.text, c.encoding), NODE_DECODERS);
    if (c.expected !== undefined) expect(p.best, p.reasons.join('; ')).toBe(c.expected);
    if (c.sure !== undefined) expect(p.confidence >= AUTO_MIN_CONFIDENCE, `confidence ${p.confidence}: ${p.reasons.join('; ')}`).toBe(c.sure);
  });
});

interface DamageCase { name: string; text: string; encoding?: string; shownAs?: string; verdict?: DamageVerdict }
describe('redecode-damage-positive.json', () => {
  it.each(load<DamageCase>('redecode-damage-positive.json').map((c) => [c.name, c] as const))('%s', (_, c) => {
    const shown = decodeAs(c.shownAs as RedecodeEncoding, bytesOf(c.text, c.encoding!));
    const a = judge(shown);
    expect(a.verdict, a.reasons.join('; ')).toBe(c.verdict);
  });
});

describe('redecode-damage-negative.json', () => {
  it.each(load<DamageCase>('redecode-damage-negative.json').map((c) => [c.name, c] as const))('%s', (_, c) => {
    const a = judge(c.text);
    expect(a.verdict, a.reasons.join('; ')).toBe('clean');
  });
});

interface DecideCase { name: string; text: string; encoding: string; shownAs: string; rule?: string; action: string; to?: string }
describe('redecode-decide.json', () => {
  it.each(load<DecideCase>('redecode-decide.json').map((c) => [c.name, c] as const))('%s', (_, c) => {
    const bytes = bytesOf(c.text, c.encoding);
    const shownAs = c.shownAs as RedecodeEncoding;
    const d = decideRedecode(judge(decodeAs(shownAs, bytes)), pickEncoding(bytes, NODE_DECODERS), shownAs, (c.rule ?? null) as RedecodeEncoding | null);
    expect(d.action, JSON.stringify(d)).toBe(c.action);
    if (c.to !== undefined && d.action !== 'none') expect(d.encoding).toBe(c.to);
  });
});
