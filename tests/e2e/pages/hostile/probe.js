// The hostile pages' probe, loaded first by each (a plain script: it must run before the page builds itself).
//
// - __probe.extWrites: text and attribute changes the page did not make (the page makes its own inside
//   __probe.page(fn)), from the end of parsing on: in practice, the extension's writes. extInserts: nodes someone else added.
// - __probe.maxGap: the longest delay of a 10 ms interval timer since arm(), i.e. how long the page's thread
//   was blocked (by anything: on these pages, after they are built, that is the extension). gaps50: how many
//   such delays exceeded 50 ms.
// - __probe.snapshot(): every text node (open shadow roots included), the readable attributes and the title,
//   to compare the page as built with the page after switching repair off.
(() => {
  const params = new URLSearchParams(location.search);
  const probe = {
    extWrites: 0,
    extInserts: 0,
    log: params.has('log') ? [] : null,
    maxGap: 0,
    gaps50: 0,
    ticks: 0,
    param(name, dflt) { const v = params.get(name); return v === null ? dflt : Number(v); },
    /** Runs the page's own DOM work: its mutations are not counted. */
    page(fn) {
      count(mo.takeRecords());
      try { return fn(); } finally { mo.takeRecords(); }
    },
    observe(root) { mo.observe(root, OPTIONS); },
    /** Starts the gap measurement (writes are counted from the start). */
    arm() { probe.maxGap = 0; probe.gaps50 = 0; probe.ticks = 0; probe.armed = true; last = performance.now(); console.timeStamp('luanma-arm'); },
    armed: false,
    /**
     * The page is built: measure from after its first frame (its own initial layout is not the extension's).
     * The page as built is kept at DOMContentLoaded (the parser's last text nodes included), before the content
     * script (document_idle) can run: read later, it could already hold the first pieces of a long repair.
     */
    built() { requestAnimationFrame(() => setTimeout(() => probe.arm(), 0)); },
    asBuilt: null,
    /**
     * The page's own cost for one text change: it changes a text node and back, and reports how long until its
     * next timer could run (one relayout and paint). The extension's writes cost the page the same kind of frame.
     */
    selfChange(node) {
      return new Promise((resolve) => {
        const t0 = performance.now();
        probe.page(() => { node.data += ' '; });
        requestAnimationFrame(() => setTimeout(() => {
          const ms = performance.now() - t0;
          probe.page(() => { node.data = node.data.slice(0, -1); });
          resolve(ms);
        }, 0));
      });
    },
    snapshot() {
      const out = [document.title];
      const visit = (root) => {
        const w = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) {
          if (n.nodeType === 3) out.push(n.data);
          else {
            for (const a of ['title', 'alt', 'placeholder', 'aria-label']) if (n.hasAttribute(a)) out.push(`@${a}=${n.getAttribute(a)}`);
            if (n.shadowRoot) { out.push('#shadow'); visit(n.shadowRoot); }
          }
        }
      };
      visit(document);
      return out;
    },
  };
  const OPTIONS = { subtree: true, characterData: true, attributes: true, childList: true };
  const count = (records) => {
    for (const r of records) {
      if (probe.log && probe.log.length < 50) probe.log.push(`${r.type} ${r.target.nodeName}${r.attributeName ? '@' + r.attributeName : ''} ${r.type === 'characterData' ? r.target.data.slice(0, 12) : ''}`);
      if (r.type === 'childList') probe.extInserts += r.addedNodes.length;
      else probe.extWrites++;
    }
  };
  const mo = new MutationObserver(count);
  mo.observe(document, OPTIONS);
  // The parser's own appends to text nodes are mutations too: count from the end of parsing (the content
  // script runs at document_idle, after DOMContentLoaded).
  document.addEventListener('DOMContentLoaded', () => { probe.asBuilt = probe.snapshot(); mo.takeRecords(); probe.extWrites = 0; probe.extInserts = 0; if (probe.log) probe.log.length = 0; });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const gap = now - last - 10;
    last = now;
    probe.ticks++;
    if (gap > probe.maxGap) probe.maxGap = gap;
    if (gap > 50) probe.gaps50++;
  }, 10);
  window.__probe = probe;
})();
