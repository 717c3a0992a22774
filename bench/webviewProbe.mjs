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
  const lengths = new WeakMap();
  const record = (id, now) => {
    if (!b.seen.has(id)) b.seen.set(id, now);
  };
  const scanFrom = (text, from, now) => {
    MARK.lastIndex = from;
    for (let m; (m = MARK.exec(text)); ) record(Number(m[1]), now);
  };
  // Markers arrive in order, so in a re-rendered subtree only the ones after the last seen are new:
  // scan backwards from the end and stop at the first known one.
  const scanBackwards = (text, now) => {
    for (let i = text.lastIndexOf('mk'); i >= 0; i = i > 0 ? text.lastIndexOf('mk', i - 1) : -1) {
      const m = /^mk(\d{6})km/.exec(text.slice(i, i + 10));
      if (!m) continue;
      if (b.seen.has(Number(m[1]))) break;
      record(Number(m[1]), now);
    }
  };
  new MutationObserver((mutations) => {
    const now = Date.now();
    for (const mu of mutations) {
      if (mu.type === 'characterData') {
        const node = mu.target;
        const prev = lengths.get(node) ?? 0;
        scanFrom(node.data, node.data.length < prev ? 0 : Math.max(0, prev - 12), now);
        lengths.set(node, node.data.length);
        continue;
      }
      for (const node of mu.addedNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          scanFrom(node.data, 0, now);
          lengths.set(node, node.data.length);
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          scanBackwards(node.textContent ?? '', now);
        }
      }
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  // Capture listeners at the target run before the panel's own listener, the bubble one after it.
  let started = 0;
  window.addEventListener(
    'message',
    (e) => {
      started = performance.now();
      const now = Date.now();
      const data = e.data;
      b.messages++;
      // The probe runs on the main thread it measures, so it stays cheap: delta texts are scanned as they
      // are; only the rare other messages are serialized to find markers.
      const texts = data?.type === 'blockDeltas' ? data.deltas.map((d) => d.text) : [JSON.stringify(data)];
      if (b.countBytes) b.bytes += JSON.stringify(data).length;
      for (const text of texts) {
        MARK.lastIndex = 0;
        for (let m; (m = MARK.exec(text)); ) if (!b.arrived.has(Number(m[1]))) b.arrived.set(Number(m[1]), now);
      }
    },
    { capture: true },
  );
  window.addEventListener('message', () => {
    if (started) b.scriptMs += performance.now() - started;
    started = 0;
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
 * The naive baseline peers use: the whole block's accumulated text is re-rendered as Markdown (markdown-it
 * + DOMPurify, the same libraries) into its element on every update. It intercepts the deltas before the
 * panel sees them. window.markdownit and window.DOMPurify must already be evaluated in.
 * - mode 'delta' (the baseline): one render per streamed delta, as a panel that posts each SSE
 *   delta gets them. The host's messages carry ~40 ms of deltas merged, so they are split back into the
 *   bench's tokens (" word", " mk000123km", ".\n\n"); the webview is spared the per-message cost of
 *   receiving each delta on its own, which only flatters the baseline.
 * - mode 'message': one render per host message (~40 ms of deltas), a kinder baseline that already has
 *   our host's coalescing.
 * Installs its listener once; later calls switch the mode and start counting afresh.
 */
export function installBaseline(mode) {
  if (window.__baseline) {
    // Turn ids restart in a new chat: an earlier run's text must not carry over (the bench lets an earlier
    // run's queued messages drain while stopped before it switches).
    window.__baseline.texts.clear();
    Object.assign(window.__baseline, { mode, stopped: false, renders: 0, missed: 0, unsplit: 0 });
    return true;
  }
  const md = window.markdownit({ html: false, linkify: true });
  const texts = new Map();
  const TOKEN = / [^ .\n]+|\.\n\n/g;
  const state = { mode, stopped: false, renders: 0, missed: 0, unsplit: 0, texts };
  window.__baseline = state;
  window.addEventListener(
    'message',
    (e) => {
      const m = e.data;
      if (!m || (m.type !== 'blockDeltas' && m.type !== 'blockStopped')) return;
      e.stopImmediatePropagation();
      if (state.stopped || m.type !== 'blockDeltas') return;
      const t0 = performance.now();
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
        let text = texts.get(key) ?? '';
        for (const u of updates) {
          text += u;
          el.innerHTML = window.DOMPurify.sanitize(md.render(text));
          state.renders++;
        }
        texts.set(key, text);
      }
      window.__bench.scriptMs += performance.now() - t0;
    },
    { capture: true },
  );
  return true;
}
