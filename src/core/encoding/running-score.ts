import { cumulativeLog10P } from '../model';

/**
 * The language model's running score over a text (cumulativeLog10P), computed when a span is first scored: every
 * reading of a line shares it, and many lines get no candidate that far (the second round over a repaired line, whose
 * spans all read as common characters, scored none in a profile of UTF-8 read as GBK, where the scan was 6 % of the
 * CPU).
 */
export class RunningScore {
  private prefix: Float64Array | undefined;
  constructor(private readonly text: string) {}

  /** log10 P of text[a, b), each character scored in its context: prefix[b] − prefix[a]. */
  span(a: number, b: number): number {
    const p = (this.prefix ??= cumulativeLog10P(this.text));
    return p[b] - p[a];
  }
}
