import { cumulativeLog10P, spanLog10P, textLog10P } from '../model';
import { newFloat64Array } from '../typed-arena';

/**
 * The language model's running score over a text (cumulativeLog10P), computed when a span is first scored: every
 * reading of a line shares it, and many lines get no candidate that far (the second round over a repaired line, whose
 * spans all read as common characters, scored none in a profile of UTF-8 read as GBK, where the scan was 6 % of the
 * CPU).
 */
export class RunningScore {
  private prefix: Float64Array | undefined;
  /** Each BMP Han character's score in its context, by index, for alone(). */
  private hanTerms: Float64Array | undefined;
  constructor(private readonly text: string) {}

  /** log10 P of text[a, b), each character scored in its context: prefix[b] − prefix[a]. */
  span(a: number, b: number): number {
    const p = this.prefix ?? this.compute();
    return p[b] - p[a];
  }

  /**
   * textLog10P(text, a, b).total, text[a, b) scored as a text of its own: from the scores span() computed, when it
   * has; else directly, since scoring the whole text for one span costs more (a repaired line read again scores short
   * lossy segments and no span).
   */
  alone(a: number, b: number): number {
    return this.hanTerms === undefined ? textLog10P(this.text, a, b).total : spanLog10P(this.text, a, b, this.hanTerms);
  }

  private compute(): Float64Array {
    this.hanTerms = newFloat64Array(this.text.length);
    return (this.prefix = cumulativeLog10P(this.text, this.hanTerms));
  }
}
