/**
 * A "block" is the unit the decoder judges: a paragraph's text split across inline elements
 * (`<b>`, `<a>` inside a sentence) is one text, so that a damaged run cut in two by markup is
 * still recognised, and a clean sentence with one odd word keeps its context.
 */
import { afterSubtree } from './page-walker';
import { rejectsSubtree } from './text-filter';

/**
 * Phrasing elements that do not end a paragraph. Computed style would be more exact but forces
 * style recalculation on every lookup; the tag is enough to keep sentences together.
 */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'data', 'dfn', 'em', 'font', 'i', 'ins', 'del',
  'label', 'mark', 'q', 'rp', 'rt', 'ruby', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'wbr', 'nobr',
]);

export type BlockRoot = Element | ShadowRoot | Document;

export function isInline(el: Element): boolean {
  // localName: lower case for HTML elements whatever the document (tagName is upper case in HTML, not in XHTML), and free.
  return INLINE_TAGS.has(el.localName);
}

/** The nearest ancestor that ends a paragraph: a non-inline element, or the shadow root / document. */
export function blockOf(node: Node): BlockRoot {
  let cur = node.parentNode;
  while (cur) {
    if (cur.nodeType === 1) {
      if (!isInline(cur as Element)) return cur as Element;
    } else if (cur.nodeType === 11 || cur.nodeType === 9) {
      return cur as ShadowRoot | Document;
    }
    cur = cur.parentNode;
  }
  return node.ownerDocument as Document;
}

/**
 * blockOf for many nodes of one page: every inline element met on the way up remembers its block, so a
 * paragraph of 2,000 nested inline elements costs 2,000 steps in all, not 2,000 per text node.
 */
export class BlockFinder {
  private readonly memo = new WeakMap<Node, BlockRoot>();

  find(node: Node): BlockRoot {
    const path: Node[] = [];
    let found: BlockRoot | undefined;
    for (let cur = node.parentNode; cur; cur = cur.parentNode) {
      const known = this.memo.get(cur);
      if (known) { found = known; break; }
      if (cur.nodeType === 1) {
        if (!isInline(cur as Element)) { found = cur as Element; break; }
        path.push(cur);
      } else if (cur.nodeType === 11 || cur.nodeType === 9) {
        found = cur as ShadowRoot | Document;
        break;
      }
    }
    found ??= node.ownerDocument as Document;
    for (const n of path) this.memo.set(n, found);
    return found;
  }
}

/**
 * The text nodes that make up `block`'s own paragraph, in document order (nested blocks excluded), one at a
 * time: a caller can stop between nodes and give the page its thread back (a paragraph of 200,000 spans).
 * `inherited` false judges rejected subtrees by tag and attribute alone (text-filter.ts's rejectsSubtree), for
 * the first content script's scan, which writes nothing.
 *
 * No filter callback: a TreeWalker filter is one call into script per node; a nested block or rejected subtree
 * is stepped over by hand instead.
 */
export function* blockTextNodes(block: BlockRoot, inherited = true): Generator<Text, void, undefined> {
  const doc = block.nodeType === 9 ? (block as Document) : (block.ownerDocument as Document);
  const walker = doc.createTreeWalker(block, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  for (let n = walker.nextNode(); n;) {
    if (n.nodeType === 3) {
      yield n as Text;
      n = walker.nextNode();
      continue;
    }
    const el = n as Element;
    // A nested block is judged on its own; a rejected subtree is never judged.
    n = !isInline(el) || rejectsSubtree(el, el.hasAttributes(), inherited) ? afterSubtree(walker, el, block) : walker.nextNode();
  }
}

/** The text nodes of `block`'s own paragraph, at once. */
export function textNodesOfBlock(block: BlockRoot): Text[] {
  return Array.from(blockTextNodes(block));
}
