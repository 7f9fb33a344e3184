/**
 * The seed: a real newspaper article whose punctuation became Han characters (Founder/方正 damage), through
 * the command-line tool, must equal the hand-checked expected text exactly (662 characters change; 学院, 视野
 * and the name 冀尧峰 stay; 要要要 becomes ———). Fails until the Founder repair lands.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run';

const SEED = 'tests/fixtures/seed-founder.txt';
const EXPECTED = new URL('../fixtures/seed-founder.expected.txt', import.meta.url);

describe('seed article through the CLI', () => {
  it('repairs seed-founder.txt to seed-founder.expected.txt exactly', () => {
    const r = runCli([SEED]);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toBe(readFileSync(EXPECTED, 'utf8'));
  });
});
