// Functions evaluated inside the chat webview's frame by bench/streaming.mjs (Playwright's evaluate runs
// them through the debugger, so the webview's CSP does not apply). They only read stable DOM: the
// role="log" transcript, its <article> turns, their .turn-body blocks and .block-content elements.

/**
 * Installs window.__bench: marker arrival times (a MutationObserver that scans only newly added text),
 * long tasks, bytes and count of host messages, and the time spent in message handlers and animation
 * frame callbacks (script only: style and layout are not in it).
 */
export function installProbe() {
  const MARK = /mk(\d{6})km/g;
  const b = {
    seen: new Map(),
    /** When each marker's message reached the webview (before the panel handled it). */
    arrived: new Map(),
    longTasks: [],
    bytes: 0,
    messages: 0,
    scriptMs: 0,
    /** Bytes are counted only when asked: serializing every delta message costs the panel's main thread. */
    countBytes: false,
    reset({ countBytes = false } = {}) {
      this.countBytes = countBytes;
      this.seen.clear();
      this.arrived.clear();
      this.longTasks = [];
      this.bytes = 0;
      this.messages = 0;
      this.scriptMs = 0;
    },
  };
  window.__bench = b;
  /** Set by installBaseline: takes a host message before the panel sees it and returns what the panel gets. */
  b.intercept = undefined;
  const record = (id, now) => {
    if (!b.seen.has(id)) b.seen.set(id, now);
  };
  // Markers arrive in order, so only text after the newest marker already seen can hold new ones: changed
  // and added text is scanned backwards from its end and the scan stops at the first known marker. Its
  // cost is that of the new text whether the text was appended to a node (the panel) or the whole block
  // was replaced (the baselines), so the probe costs both sides the same. Returns true at a known marker.
  const scanText = (text, now) => {
    for (let i = text.lastIndexOf('mk'); i >= 0; i = i > 0 ? text.lastIndexOf('mk', i - 1) : -1) {
      const m = /^mk(\d{6})km/.exec(text.slice(i, i + 10));
      if (!m) continue;
      if (b.seen.has(Number(m[1]))) return true;
      record(Number(m[1]), now);
    }
    return false;
  };
  const scanNode = (node, now) => {
    if (node.nodeType === Node.TEXT_NODE) return scanText(node.data, now);
    for (let child = node.lastChild; child; child = child.previousSibling) if (scanNode(child, now)) return true;
    return false;
  };
  // Text replaced again before the observer ran was never on screen: only nodes still in the document
  // are scanned, each once per callback (a baseline replaces its block's text on every delta).
  new MutationObserver((mutations) => {
    const now = Date.now();
    const scanned = new Set();
    const scan = (node) => {
      if (scanned.has(node) || !node.isConnected) return false;
      scanned.add(node);
      return scanNode(node, now);
    };
    for (let r = mutations.length - 1; r >= 0; r--) {
      const mu = mutations[r];
      if (mu.type === 'characterData') {
        scan(mu.target);
        continue;
      }
      const added = mu.addedNodes;
      for (let i = added.length - 1; i >= 0; i--) if (scan(added[i])) break;
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  // Chromium runs a window's 'message' listeners in the order they were added, capture or not, and the
  // panel added its own when it loaded, before the probe existed: a listener added here runs after the
  // panel's. So the probe hooks the `data` getter of the window's message events instead, which the
  // panel's listener reads first: the hook sees each host message before the panel handles it, and a
  // baseline (installBaseline) takes the deltas there, handing the panel a message it ignores. A listener
  // added after the panel's ends the timing. Every run, panel or baseline, takes the same path.
  let started = 0;
  const handled = () => {
    if (started) b.scriptMs += performance.now() - started;
    started = 0;
  };
  /** What the panel sees of each message (the baseline's stand-in for the ones it took). */
  const delivered = new WeakMap();
  const dataOf = Object.getOwnPropertyDescriptor(window.MessageEvent.prototype, 'data').get;
  const arrive = (data) => {
    started = performance.now();
    const now = Date.now();
    b.messages++;
    // The probe runs on the main thread it measures, so it stays cheap: delta texts are scanned as they
    // are; only the rare other messages are serialized to find markers.
    const texts = data?.type === 'blockDeltas' ? data.deltas.map((d) => d.text) : [JSON.stringify(data)];
    if (b.countBytes) b.bytes += JSON.stringify(data).length;
    for (const text of texts) {
      MARK.lastIndex = 0;
      for (let m; (m = MARK.exec(text)); ) if (!b.arrived.has(Number(m[1]))) b.arrived.set(Number(m[1]), now);
    }
    return b.intercept ? b.intercept(data) : data;
  };
  Object.defineProperty(window.MessageEvent.prototype, 'data', {
    configurable: true,
    enumerable: true,
    get() {
      const data = dataOf.call(this);
      if (this.target !== window) return data;
      if (!delivered.has(this)) delivered.set(this, arrive(data));
      return delivered.get(this);
    },
  });
  window.addEventListener('message', (e) => {
    void e.data; // arrives here, if no listener before read it
    handled();
  });
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) =>
    raf((t) => {
      const t0 = performance.now();
      try {
        cb(t);
      } finally {
        b.scriptMs += performance.now() - t0;
      }
    });
  return true;
}

/** Pixels between the transcript's bottom and the bottom of its viewport, read after the next frame's paint. */
export async function distanceFromBottom() {
  const log = document.querySelector('[role="log"]');
  await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(0);
    }),
  );
  return Math.round(log.scrollHeight - log.scrollTop - log.clientHeight);
}

/** Every node attached to the webview document. */
export function countDomNodes() {
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  let n = 0;
  while (walker.nextNode()) n++;
  return n;
}

export function readProbe({ sinceMs = 0 } = {}) {
  const b = window.__bench;
  return {
    seen: [...b.seen.entries()],
    arrived: [...b.arrived.entries()],
    longTasks: b.longTasks.filter((t) => t.start >= sinceMs),
    bytes: b.bytes,
    messages: b.messages,
    scriptMs: b.scriptMs,
  };
}

/**
 * The naive baseline: a panel that re-renders a streaming block whole on every update, doing the same
 * job as the panel. Thinking is plain text, as the panel streams it: the block's whole text is set as
 * the textContent of one pre-wrap element (the panel's .plain-stream style). Answer text is Markdown: the
 * whole text through markdown-it and DOMPurify (the same libraries) into the block's element. Like the
 * panel it keeps the bottom in view. It takes the deltas before the panel sees them; the panel still
 * builds the turn and its blocks from the other messages. window.markdownit and window.DOMPurify must already be evaluated in, and the probe installed.
 * - mode 'delta' (the baseline): one render per streamed delta, as a panel that posts each SSE
 *   delta gets them. The host's messages carry ~40 ms of deltas merged, so they are split back into the
 *   bench's tokens (" word", " mk000123km", ".\n\n"); the webview is spared the per-message cost of
 *   receiving each delta on its own, which only flatters the baseline.
 * - mode 'message': one render per host message (~40 ms of deltas), a kinder baseline that already has
 *   our host's coalescing.
 * It takes deltas through the probe's hook (installProbe), so its messages take the panel's path and are
 * timed by the same code; marker detection scans only new text, so the probe costs both sides the same.
 * Installs its hook once; later calls switch the mode and start counting afresh.
 */
export function installBaseline(mode) {
  if (window.__baseline) {
    // Turn ids may repeat in a new chat: an earlier run's text must not carry over (the bench lets an
    // earlier run's queued messages drain while stopped before it switches).
    window.__baseline.texts.clear();
    window.__baseline.kinds.clear();
    window.__baseline.plain.clear();
    Object.assign(window.__baseline, { mode, stopped: false, renders: 0, missed: 0, unsplit: 0 });
    return true;
  }
  const md = window.markdownit({ html: false, linkify: true });
  const texts = new Map();
  /** Block kind by turn and index, from the blockStarted messages the panel also handles. */
  const kinds = new Map();
  /** The element a thinking block's text is set on, by turn and index. */
  const plain = new Map();
  const TOKEN = / [^ .\n]+|\.\n\n/g;
  const state = { mode, stopped: false, renders: 0, missed: 0, unsplit: 0, texts, kinds, plain };
  window.__baseline = state;
  const plainTarget = (key, el) => {
    let target = plain.get(key);
    if (!target || !el.contains(target)) {
      target = document.createElement('div');
      // What the panel's .plain-stream does (markdown.css): line breaks kept, long words wrapped.
      target.style.whiteSpace = 'pre-wrap';
      target.style.overflowWrap = 'anywhere';
      el.replaceChildren(target);
      plain.set(key, target);
    }
    return target;
  };
  // The panel keeps the bottom in view, so the baseline does too, the cheap way: once a frame, after
  // its renders (the frame lays the text out anyway). Chromium does not anchor a log scrolled to the
  // top, so without this the baseline would stay there and paint less than the panel.
  let follow;
  const followBottom = () => {
    follow ??= window.requestAnimationFrame(() => {
      follow = undefined;
      const log = document.querySelector('[role="log"]');
      if (log && !state.stopped) log.scrollTop = log.scrollHeight;
    });
  };
  /** What the panel gets instead of a message the baseline took: a type it does not handle. */
  const TAKEN = { type: 'benchBaselineTookThis' };
  window.__bench.intercept = (m) => {
    if (m?.type === 'blockStarted') kinds.set(`${m.turnId}:${m.index}`, m.block.kind);
    if (m?.type !== 'blockDeltas' && m?.type !== 'blockStopped') return m;
    if (!state.stopped && m.type === 'blockDeltas') {
      render(m);
      followBottom();
    }
    return TAKEN;
  };
  function render(m) {
    // Turns are <article> elements (implicit role); a turn's blocks are its .turn-body's children in order.
    const turns = document.querySelectorAll('[role="log"] article');
    const body = turns[turns.length - 1]?.querySelector('.turn-body');
    for (const d of m.deltas) {
      const key = `${m.turnId}:${d.index}`;
      const block = body?.children[d.index];
      const el = block?.classList.contains('block-content') ? block : block?.querySelector('.block-content');
      if (!el) {
        state.missed++;
        texts.set(key, (texts.get(key) ?? '') + d.text);
        continue;
      }
      let updates = [d.text];
      if (state.mode === 'delta') {
        const tokens = d.text.match(TOKEN) ?? [];
        // Text that is not the bench's tokens is rendered in one go and counted, never lost.
        if (tokens.join('') === d.text) updates = tokens;
        else state.unsplit++;
      }
      const target = kinds.get(key) === 'thinking' ? plainTarget(key, el) : undefined;
      let text = texts.get(key) ?? '';
      for (const u of updates) {
        text += u;
        if (target) target.textContent = text;
        else el.innerHTML = window.DOMPurify.sanitize(md.render(text));
        state.renders++;
      }
      texts.set(key, text);
    }
  }
  return true;
}
