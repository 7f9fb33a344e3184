/**
 * The one protocol between content scripts, popup and background: every message's payload and
 * reply are typed here, so no side guesses a shape.
 */
import { browser, type Browser } from 'wxt/browser';
import type { RepairCounts } from './counts';
import type { RedecodeEncoding, RedecodeStatus } from './redecode-status';

export interface Protocol {
  /** A content script starts: which site does its tab belong to (frames follow the top page)? */
  hello: { req: { top: boolean }; res: { site: string | null; tabId: number; frameId: number } };
  /** Inject the decoder bundle into the asking frame. */
  loadDecoder: { req: Record<string, never>; res: { ok: true } | { ok: false; error: string } };
  /** A frame's current counts, and what it newly repaired since its last report (for lifetime totals). */
  reportCounts: { req: { counts: RepairCounts; added: RepairCounts }; res: { ok: true } };
  /** Test builds only: open popup.html?tab=<sender's tab> in a new tab (Firefox's BiDi cannot navigate there). */
  openPopupForTab: { req: Record<string, never>; res: { ok: true } };
  /** Background → one frame's content script: repair its selection (or `fallback`) and put it on the clipboard. */
  copySelection: { req: { fallback: string }; res: { ok: boolean; copied: boolean; chars: number; repairs: number } };
  /** Popup → the top frame's content script: the page's text as the reader sees it, repaired. */
  pageText: { req: Record<string, never>; res: { text: string; repairs: number } };
  /** Popup → the top frame's content script: what re-decoding knows of its page (redecode-status.ts). */
  redecodeStatus: { req: Record<string, never>; res: RedecodeStatus };
  /** Popup → the top frame's content script: re-decode the page from its bytes, as detected (null) or in the encoding the user forces. */
  redecode: { req: { encoding: RedecodeEncoding | null }; res: RedecodeStatus };
  /** Test builds only: run a keyboard command or a context-menu item for the sender's tab and frame, as the browser would. */
  e2eInvoke: { req: { command: string } | { menuItemId: string; selectionText: string }; res: { ok: boolean } };
}

export type MessageType = keyof Protocol;
export type Envelope = { [K in MessageType]: { type: K; payload: Protocol[K]['req'] } }[MessageType];

export function send<K extends MessageType>(type: K, payload: Protocol[K]['req']): Promise<Protocol[K]['res']> {
  return browser.runtime.sendMessage({ type, payload }) as Promise<Protocol[K]['res']>;
}

/** Sends to a tab's content script: one frame's (`frameId`), or the top frame's by default. */
export function sendToTab<K extends MessageType>(tabId: number, type: K, payload: Protocol[K]['req'], frameId = 0): Promise<Protocol[K]['res']> {
  return browser.tabs.sendMessage(tabId, { type, payload }, { frameId }) as Promise<Protocol[K]['res']>;
}

export type Handlers = {
  [K in MessageType]?: (payload: Protocol[K]['req'], sender: Browser.runtime.MessageSender) => Promise<Protocol[K]['res']> | Protocol[K]['res'];
};

function isEnvelope(msg: unknown): msg is Envelope {
  return typeof msg === 'object' && msg !== null && typeof (msg as { type?: unknown }).type === 'string';
}

/** Registers handlers; replies through sendResponse, which both Chrome and Firefox honour for async work. */
export function handleMessages(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse) => {
    if (!isEnvelope(msg)) return false;
    const handler = handlers[msg.type] as ((p: unknown, s: Browser.runtime.MessageSender) => unknown) | undefined;
    if (!handler) return false;
    Promise.resolve(handler(msg.payload, sender)).then(sendResponse, (err: unknown) => {
      console.warn('[luanma] message failed', msg.type, err);
      sendResponse(undefined);
    });
    return true;
  });
}
