/**
 * Which parts of a page the repairer may touch. One filter serves every TreeWalker so that the
 * initial scan, mutation batches and shadow roots agree on what is off limits.
 */

/** The attribute a page (or a user stylesheet author) sets to keep Luanma out of a subtree. */
export const OPT_OUT_ATTRIBUTE = 'data-luanma-off';

/**
 * Subtrees whose text is not prose, or whose text belongs to the user: changing it would break
 * scripts, styles, form values or what someone is typing. Code is left alone because mojibake-looking
 * byte sequences in code samples are often intentional.
 */
const REJECTED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option',
  'code', 'kbd', 'samp', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'math',
]);

/** The attributes people read (tooltips, image descriptions, hints, screen-reader names). */
export const READABLE_ATTRIBUTES = ['title', 'alt', 'placeholder', 'aria-label'] as const;

/** Attribute values longer than this are not prose (data in a title): left alone. */
export const MAX_ATTRIBUTE_CHARS = 16_384;

/** Our own overlay host: never walked, never observed. */
export const OVERLAY_TAG = 'luanma-overlay';

/**
 * True when nothing inside `el` (including `el`'s own text) may be rewritten. `hasAttributes` may be passed
 * when known (`el.hasAttributes()`): an element without attributes carries no opt-out and no contenteditable.
 * `inherited` false skips the isContentEditable call (a walk that already rejected every contenteditable
 * ancestor misses only CSS user-modify that way).
 */
export function rejectsSubtree(el: Element, hasAttributes = el.hasAttributes(), inherited = true): boolean {
  // localName: lower case for HTML elements in any document, and no string made per call (this runs per element).
  const tag = el.localName;
  if (REJECTED_TAGS.has(tag)) return true;
  if (tag === OVERLAY_TAG) return true;
  if (hasAttributes) {
    if (el.hasAttribute(OPT_OUT_ATTRIBUTE)) return true;
    const ce = el.getAttribute('contenteditable');
    if (ce !== null && ce !== 'false') return true;
  }
  // Inherited editability (an ancestor's contenteditable, CSS user-modify): the attribute covers DOMs without layout.
  return inherited && (el as HTMLElement).isContentEditable === true;
}

/** True when an ancestor of `node` (inside its tree, up to a shadow root or the document) rejects it. */
export function isInsideRejected(node: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (rejectsSubtree(el)) return true;
  }
  return false;
}

/** True when the whole document is editable (designMode): nothing may be touched. */
export function documentIsEditable(doc: Document): boolean {
  return doc.designMode === 'on';
}

/** Elements whose readable attributes may be repaired even though their content is off limits. */
export function attributesAllowed(el: Element): boolean {
  if (el.hasAttribute(OPT_OUT_ATTRIBUTE)) return false;
  if (el.localName === OVERLAY_TAG) return false;
  return !isInsideOptOut(el.parentElement);
}

function isInsideOptOut(el: Element | null): boolean {
  for (; el; el = el.parentElement) if (el.hasAttribute(OPT_OUT_ATTRIBUTE)) return true;
  return false;
}
