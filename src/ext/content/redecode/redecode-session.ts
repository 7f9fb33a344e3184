/**
 * Re-decoding one document (one frame) from its own bytes: in the decoder bundle, loaded only into frames whose
 * text looks mis-decoded (redecode-client.ts decides that, cheaply, in the first content script).
 *
 *   judge the text (+ the decoder's coverage) → bytes from the cache → pick the encoding → decide
 *     auto  → map the re-decoded text onto the live page (map-text.ts), reversibly
 *     offer → wait for the popup's button (which may fetch the bytes with one ordinary GET)
 *
 * Writes go through a RewriteStore of its own, so switching the site off restores exactly what the page showed.
 * The text-level repairer is paused around each write: its own rewrites are undone first (the live text is then
 * the page's), and on restart it sees the re-decoded text as the page's text.
 */
import { isSuspect } from '../../../core/gate';
import { assessDamage, wrongCodecCoverage, withWrongCodec, type DamageAssessment } from '../../../core/redecode/damage-signals';
import { decideRedecode } from '../../../core/redecode/decide';
import { encodingOfCharset, REDECODE_ENCODINGS, type RedecodeEncoding } from '../../../core/redecode/encodings';
import { pickEncoding, type Decoders, type EncodingPick } from '../../../core/redecode/pick-encoding';
import type { Engine } from '../../../core/types';
import { applyMapping, planMapping, type ParsedSlot } from '../../../dom/redecode/map-text';
import { RedecodeHighlight } from '../../../dom/redecode/redecode-highlight';
import { collectSlots, plainTextSlot } from '../../../dom/redecode/text-slots';
import { emptyCounts, RewriteStore, type RepairCounts } from '../../../dom/rewrite-store';
import { initialStatus, type RedecodeStatus } from '../../shared/redecode-status';
import { fetchPageBytes, type BytesSource, type FetchFn } from './page-bytes';

/** Characters of the sample the decoder judges for wrong-codec text (the cheap signs use more). */
export const ENGINE_SAMPLE_CHARS = 8_000;

/** What the session needs of the text-level repairer: to pause it around writes. */
export interface Pausable {
  readonly running: boolean;
  start(signal: AbortSignal): void;
  stop(): void;
}

export interface RedecodeSessionOptions {
  win: Window;
  engine: Engine;
  repairer: Pausable;
  /** The content script's lifetime (the repairer is restarted with it). */
  signal: AbortSignal;
  /** The visible text sampled by the first content script, and its cheap verdict. */
  sample: string;
  damage: DamageAssessment;
  onCounts(counts: RepairCounts): void;
  /** Firefox's page-principal fetch, the one that reads the page's HTTP cache; null elsewhere. */
  pageFetch: FetchFn | null;
}

export interface SessionSettings {
  /** Repair is on for the site. */
  enabled: boolean;
  highlight: boolean;
  /** The user's encoding for the site, if any. */
  rule: RedecodeEncoding | null;
}

function browserDecoders(): Decoders {
  const out: Decoders = {};
  for (const enc of REDECODE_ENCODINGS) {
    const td = new TextDecoder(enc);
    out[enc] = (b) => td.decode(b);
  }
  return out;
}

const isDamaged = (text: string) => text.includes('\ufffd') || isSuspect(text);

export class RedecodeSession {
  private current: RedecodeStatus;
  private bytes: Uint8Array | null = null;
  private source: BytesSource | null = null;
  private pick: EncodingPick | null = null;
  private damage: DamageAssessment;
  private readonly store = new RewriteStore();
  private readonly highlight: RedecodeHighlight;
  private settings: SessionSettings = { enabled: true, highlight: true, rule: null };
  private rewritten = 0;
  private chars = 0;
  private nextGroup = 0;
  /** The re-decoding the page should show while repair is on (kept across the site being switched off). */
  private chosen: { encoding: RedecodeEncoding; how: 'auto' | 'rule' | 'user' } | null = null;

  constructor(private readonly opts: RedecodeSessionOptions) {
    this.damage = opts.damage;
    this.current = initialStatus(opts.win.document.characterSet, 'suspect', opts.damage.reasons.join('; '));
    this.highlight = new RedecodeHighlight(opts.win, this.store);
  }

  status(): RedecodeStatus {
    return { ...this.current, ruledOut: [...this.current.ruledOut] };
  }

  /** The automatic path: judge, read the cache, pick, and re-decode if both verdicts are clear. */
  async start(settings: SessionSettings): Promise<RedecodeStatus> {
    this.settings = settings;
    try {
      const { engine, sample } = this.opts;
      if (this.damage.verdict !== 'clear') {
        const covered = wrongCodecCoverage(engine.repair(sample.slice(0, ENGINE_SAMPLE_CHARS)).steps);
        this.damage = assessDamage(withWrongCodec(this.damage.signals, covered));
      }
      if (this.damage.verdict === 'clean') return this.set({ state: 'clean', note: 'the page decoded cleanly' });
      const got = await fetchPageBytes({ win: this.opts.win, mode: 'cache', pageFetch: this.opts.pageFetch });
      if (this.opts.signal.aborted) return this.status();
      if (!got.ok) {
        const file = this.opts.win.location.protocol === 'file:';
        return this.set({ state: file ? 'failed' : 'suspect', offerFixPage: file, note: `${this.damage.reasons.join('; ')}; bytes: ${got.why}` });
      }
      this.takeBytes(got.bytes, got.source);
      const decision = decideRedecode(this.damage, this.pick!, this.shownEncoding(), settings.rule);
      if (decision.action === 'none') return this.set({ state: 'clean', note: decision.why });
      if (decision.action === 'offer' || !settings.enabled) return this.set({ state: 'offered', note: this.pick!.reasons[0] ?? '' });
      this.apply(decision.encoding, settings.rule === decision.encoding ? 'rule' : 'auto');
    } catch (err) {
      this.set({ state: 'failed', note: `error: ${String(err)}` });
    }
    return this.status();
  }

  /** The popup's button: re-decode as detected (null) or in the encoding the user forces. */
  async redecode(encoding: RedecodeEncoding | null): Promise<RedecodeStatus> {
    try {
      if (!this.bytes) {
        const got = await fetchPageBytes({ win: this.opts.win, mode: 'user', pageFetch: this.opts.pageFetch });
        if (!got.ok) return this.set({ state: 'failed', offerFixPage: this.opts.win.location.protocol === 'file:', note: `the page's bytes could not be read: ${got.why}` });
        this.takeBytes(got.bytes, got.source);
      }
      const target = encoding ?? this.pick!.best;
      if (target === null) return this.set({ state: 'failed', note: 'the bytes are text in none of the encodings' });
      if (target === this.shownEncoding()) {
        this.chosen = null;
        this.restore();
        return this.set({ state: 'offered', applied: null, how: null, rewritten: 0, unmatched: 0, note: `shown as the browser decoded it (${target})` });
      }
      this.apply(target, 'user');
    } catch (err) {
      this.set({ state: 'failed', note: `error: ${String(err)}` });
    }
    return this.status();
  }

  /** Settings changed: restore on off, re-apply on on (from the bytes already read), follow the highlight switch. */
  update(settings: SessionSettings): void {
    const was = this.settings;
    this.settings = settings;
    this.highlight.setEnabled(settings.enabled && settings.highlight);
    if (was.enabled && !settings.enabled && this.chosen) {
      this.restore();
      this.set({ state: 'offered', applied: null, how: null, rewritten: 0, unmatched: 0, note: 'repair is off for this site: the page shows what it showed' });
    } else if (!was.enabled && settings.enabled && this.chosen) {
      this.apply(this.chosen.encoding, this.chosen.how);
    }
  }

  /** Puts back what the page showed (its own text), at once; the repairer, if on, then repairs that text as usual. */
  restore(): void {
    const { repairer, signal } = this.opts;
    const wasRunning = repairer.running;
    repairer.stop();
    this.store.restoreAll();
    this.highlight.refresh();
    this.rewritten = 0;
    this.chars = 0;
    this.report();
    if (wasRunning && this.settings.enabled && !signal.aborted) repairer.start(signal);
  }

  private takeBytes(bytes: Uint8Array, source: BytesSource): void {
    this.bytes = bytes;
    this.source = source;
    this.pick = pickEncoding(bytes, browserDecoders());
    this.set({
      detected: this.pick.best, confidence: this.pick.confidence,
      ruledOut: this.pick.ranking.filter((c) => !Number.isFinite(c.score)).map((c) => c.encoding),
    });
  }

  private shownEncoding(): RedecodeEncoding | null {
    return encodingOfCharset(this.opts.win.document.characterSet);
  }

  /** Re-decodes the page in `encoding` (replacing an earlier re-decoding). Synchronous from pause to restart. */
  private apply(encoding: RedecodeEncoding, how: 'auto' | 'rule' | 'user'): void {
    const { win, repairer, signal } = this.opts;
    const doc = win.document;
    const bytes = this.bytes!;
    const shownAs = doc.characterSet;
    const asShown = new TextDecoder(shownAs).decode(bytes);
    const asChosen = new TextDecoder(encoding).decode(bytes);
    let shown: ParsedSlot[];
    let decoded: ParsedSlot[];
    if (doc.contentType === 'text/plain') {
      shown = [{ kind: 'text', text: plainTextSlot(asShown) }];
      decoded = [{ kind: 'text', text: plainTextSlot(asChosen) }];
    } else {
      const parser = new (win as Window & typeof globalThis).DOMParser();
      const parse = (html: string) => collectSlots(parser.parseFromString(html, 'text/html')).map(toParsed);
      shown = parse(asShown);
      decoded = parse(asChosen);
    }
    const wasRunning = repairer.running;
    repairer.stop();
    try {
      this.store.restoreAll();
      this.rewritten = 0;
      this.chars = 0;
      const plan = planMapping(shown, decoded, collectSlots(doc), isDamaged);
      if (!plan.agrees) {
        this.chosen = null;
        this.set({ state: 'failed', applied: null, how: null, rewritten: 0, unmatched: plan.unmatchedDamaged, note: `the bytes read (${this.source}) are not the page's: ${plan.why}` });
        return;
      }
      this.chars = applyMapping(plan, this.store, { encoding, shownAs, confidence: this.pick?.confidence ?? 0, firstGroup: this.nextGroup });
      this.chosen = { encoding, how };
      this.nextGroup += plan.writes.length;
      this.rewritten = plan.writes.length;
      this.set({
        state: 'applied', applied: encoding, how, rewritten: plan.writes.length, unmatched: plan.unmatchedDamaged,
        note: `re-decoded as ${encoding} from the ${this.source}: ${plan.writes.length} pieces rewritten, ${plan.unmatchedDamaged} damaged pieces unmatched`,
      });
    } finally {
      this.highlight.setEnabled(this.settings.enabled && this.settings.highlight);
      this.report();
      if (wasRunning && !signal.aborted) repairer.start(signal);
    }
  }

  private report(): void {
    this.opts.onCounts({ ...emptyCounts(), redecode: this.rewritten, chars: this.chars });
  }

  private set(patch: Partial<RedecodeStatus>): RedecodeStatus {
    this.current = { ...this.current, ...patch };
    return this.status();
  }
}

function toParsed(slot: ReturnType<typeof collectSlots>[number]): ParsedSlot {
  return slot.kind === 'attr' ? { kind: 'attr', name: slot.name, text: slot.text } : { kind: 'text', text: slot.text };
}
