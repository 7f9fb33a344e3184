/**
 * The one protocol between content scripts, popup and background: every message's payload and reply are
 * typed here, and every message is checked on arrival, by sender and by shape, before a handler sees it.
 * Unknown messages, messages from a context that may not send them and malformed payloads are ignored.
 */
import { browser, type Browser } from 'wxt/browser';
import { isCounts, type RepairCounts } from './counts';
import { isRedecodeEncoding } from '../../core/redecode/encodings';
import type { RedecodeEncoding, RedecodeStatus } from './redecode-status';

export interface Protocol {
  /** A content script starts: which site does its tab belong to (frames follow the top page)? */
  hello: { req: { top: boolean }; res: { site: string | null; tabId: number; frameId: number } };
  /** Inject the decoder bundle into the asking frame. */
  loadDecoder: { req: Record<string, never>; res: { ok: true } | { ok: false; error: string } };
  /** A frame's current counts, and what it newly repaired since its last report (for lifetime totals). */
  reportCounts: { req: { counts: RepairCounts; added: RepairCounts }; res: { ok: true } };
  /** Background → one frame's content script: repair its selection (or `fallback`) and put it on the clipboard. */
  copySelection: { req: { fallback: string }; res: { ok: boolean; copied: boolean; chars: number; repairs: number } };
  /** Popup → the top frame's content script: the page's text as the reader sees it, repaired. */
  pageText: { req: Record<string, never>; res: { text: string; repairs: number } };
  /** Popup → the top frame's content script: what re-decoding knows of its page (redecode-status.ts). */
  redecodeStatus: { req: Record<string, never>; res: RedecodeStatus };
  /** Popup → the top frame's content script: re-decode the page from its bytes, as detected (null) or in the encoding the user forces. */
  redecode: { req: { encoding: RedecodeEncoding | null }; res: RedecodeStatus };
  /**
   * Test builds only, from an extension page (never from a web page or a content script): run a keyboard
   * command or a context-menu item for a tab and frame, as the browser would (src/ext/e2e/background-hooks.ts).
   */
  e2eInvoke: {
    req: { tabId: number; command: string } | { tabId: number; frameId: number; menuItemId: string; selectionText: string };
    res: { ok: boolean };
  };
}

export type MessageType = keyof Protocol;
export type Envelope = { [K in MessageType]: { type: K; payload: Protocol[K]['req'] } }[MessageType];

/** Who may send what. `content`: one of our content scripts, in a tab. `extension`: one of our own pages or the background. */
export type SenderKind = 'content' | 'extension';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
/** A selection or page text handed along for copying: generous, but not unbounded. */
const MAX_TEXT = 50_000_000;

type Rule<K extends MessageType> = { from: SenderKind; valid(p: unknown): p is Protocol[K]['req'] };
type Rules<K extends MessageType> = { [P in K]: Rule<P> };

/**
 * Who may send each message and what its payload must be, one table per receiver: a context bundles only the
 * checks of what it receives (the first content script, which must stay small, carries four).
 */
export const BACKGROUND_RULES: Rules<'hello' | 'loadDecoder' | 'reportCounts'> = {
  hello: { from: 'content', valid: (p): p is Protocol['hello']['req'] => isObject(p) && typeof p.top === 'boolean' },
  loadDecoder: { from: 'content', valid: (p): p is Protocol['loadDecoder']['req'] => isObject(p) },
  reportCounts: { from: 'content', valid: (p): p is Protocol['reportCounts']['req'] => isObject(p) && isCounts(p.counts) && isCounts(p.added) },
};

export const CONTENT_RULES: Rules<'copySelection' | 'pageText' | 'redecodeStatus' | 'redecode'> = {
  copySelection: { from: 'extension', valid: (p): p is Protocol['copySelection']['req'] => isObject(p) && typeof p.fallback === 'string' && p.fallback.length <= MAX_TEXT },
  pageText: { from: 'extension', valid: (p): p is Protocol['pageText']['req'] => isObject(p) },
  redecodeStatus: { from: 'extension', valid: (p): p is Protocol['redecodeStatus']['req'] => isObject(p) },
  redecode: { from: 'extension', valid: (p): p is Protocol['redecode']['req'] => isObject(p) && (p.encoding === null || isRedecodeEncoding(p.encoding)) },
};

export const E2E_RULES: Rules<'e2eInvoke'> = {
  e2eInvoke: {
    from: 'extension',
    valid: (p): p is Protocol['e2eInvoke']['req'] => isObject(p) && isId(p.tabId) && (
      typeof p.command === 'string' || (typeof p.menuItemId === 'string' && isId(p.frameId) && typeof p.selectionText === 'string')),
  },
};

/**
 * Which of our contexts sent a message, or null if none did. Content scripts always run in a tab, at the
 * page's URL; our pages and the background have our URL (Chromium may give the service worker none, and
 * then no tab either).
 */
export function senderKind(sender: Browser.runtime.MessageSender): SenderKind | null {
  if (sender.id !== browser.runtime.id) return null;
  if (typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'))) return 'extension';
  if (sender.tab) return 'content';
  return sender.url === undefined ? 'extension' : null;
}

export function send<K extends MessageType>(type: K, payload: Protocol[K]['req']): Promise<Protocol[K]['res']> {
  return browser.runtime.sendMessage({ type, payload }) as Promise<Protocol[K]['res']>;
}

/** Sends to a tab's content script: one frame's (`frameId`), or the top frame's by default. */
export function sendToTab<K extends MessageType>(tabId: number, type: K, payload: Protocol[K]['req'], frameId = 0): Promise<Protocol[K]['res']> {
  return browser.tabs.sendMessage(tabId, { type, payload }, { frameId }) as Promise<Protocol[K]['res']>;
}

export type Handlers<K extends MessageType = MessageType> = {
  [P in K]?: (payload: Protocol[P]['req'], sender: Browser.runtime.MessageSender) => Promise<Protocol[P]['res']> | Protocol[P]['res'];
};

/**
 * The envelope's type if `msg` is a message of `rules` (the receiver's table) with a well-formed payload from a
 * context allowed to send it.
 */
export function checkMessage<K extends MessageType>(rules: Rules<K>, msg: unknown, sender: Browser.runtime.MessageSender): K | null {
  if (!isObject(msg) || typeof msg.type !== 'string' || !Object.hasOwn(rules, msg.type)) return null;
  const type = msg.type as K;
  const rule: Rule<K> = rules[type];
  if (senderKind(sender) !== rule.from || !rule.valid(msg.payload)) return null;
  return type;
}

/** Registers handlers for the messages of `rules`; replies through sendResponse, which both Chrome and Firefox honour for async work. */
export function handleMessages<K extends MessageType>(rules: Rules<K>, handlers: Handlers<K>): void {
  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse) => {
    const type = checkMessage(rules, msg, sender);
    if (type === null) return false;
    const handler = handlers[type] as ((p: unknown, s: Browser.runtime.MessageSender) => unknown) | undefined;
    if (!handler) return false;
    Promise.resolve()
      .then(() => handler((msg as { payload: unknown }).payload, sender))
      .then(sendResponse, (err: unknown) => {
        console.warn('[luanma] message failed', type, err);
        sendResponse(undefined);
      });
    return true;
  });
}
