// Main-thread time of one frame (the chat webview) from a Chrome trace. In code-server the webview is
// same-site with the workbench, so it shares the workbench's renderer and TaskDuration mixes both; the
// trace attributes scripting, style, layout and paint to the frame that caused them.

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** Work attributed to a frame: script entry points, parsing, style, layout, paint. */
const FRAME_WORK = new Set(['EventDispatch', 'FunctionCall', 'FireAnimationFrame', 'TimerFire', 'FireIdleCallback', 'EvaluateScript', 'v8.compile', 'ParseHTML', 'ParseAuthorStyleSheet', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'HitTest', 'ScheduleStyleRecalculation', 'XHRReadyStateChange']);

function frameOf(e) {
  const a = e.args ?? {};
  return a.data?.frame ?? a.beginData?.frame ?? a.frame;
}

/**
 * Starts a trace on `cdp` (a page session); returns `stop()` which resolves to the trace events. The trace
 * stays in the browser until `stop()` (ReturnAsStream): streaming it out during the run would cost the
 * browser and this process CPU on a 2-core machine while the run is being measured.
 */
export async function startTrace(cdp) {
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordUntilFull', traceBufferSizeInKb: 1024 * 1024 },
    transferMode: 'ReturnAsStream',
    streamFormat: 'json',
  });
  return {
    async stop() {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      const { stream, dataLossOccurred } = await done;
      if (dataLossOccurred) throw new Error('the Chrome trace lost data (its buffer filled up): the figures would be too low');
      const parts = [];
      for (;;) {
        const { data, base64Encoded, eof } = await cdp.send('IO.read', { handle: stream, size: 4 * 1024 * 1024 });
        parts.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
        if (eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      const parsed = JSON.parse(parts.join(''));
      return Array.isArray(parsed) ? parsed : parsed.traceEvents;
    },
  };
}

/** Frame ids whose committed URL satisfies `match` (from the trace's frame list and commits). */
export function framesMatching(events, match) {
  const ids = new Set();
  for (const e of events) {
    const d = e.args?.data;
    if (!d) continue;
    for (const f of d.frames ?? []) if (f.url && match(f.url)) ids.add(f.frame);
    if (d.frame && d.url && match(d.url)) ids.add(d.frame);
  }
  return ids;
}

/**
 * Milliseconds of main-thread work attributed to `frameIds`: events of the kinds above, counted once
 * (an event nested inside another counted one on the same thread is skipped). `byKind`, if given, gets
 * the milliseconds per outermost event kind.
 */
export function frameWorkMs(events, frameIds, { fromTs = -Infinity, toTs = Infinity, byKind } = {}) {
  const spans = [];
  const open = new Map();
  for (const e of events) {
    if (!FRAME_WORK.has(e.name)) continue;
    const key = `${e.pid}:${e.tid}:${e.name}`;
    if (e.ph === 'X' && frameIds.has(frameOf(e))) spans.push({ name: e.name, tid: `${e.pid}:${e.tid}`, start: e.ts, end: e.ts + (e.dur ?? 0) });
    else if (e.ph === 'B') (open.get(key) ?? open.set(key, []).get(key)).push(e);
    else if (e.ph === 'E') {
      const b = open.get(key)?.pop();
      if (b && (frameIds.has(frameOf(b)) || frameIds.has(frameOf(e)))) spans.push({ name: e.name, tid: `${e.pid}:${e.tid}`, start: b.ts, end: e.ts });
    }
  }
  if (byKind) {
    // Inclusive time per kind (nested events counted in their own kind too), e.g. layout forced inside a frame callback.
    for (const sp of spans) {
      const from = Math.max(sp.start, fromTs);
      const to = Math.min(sp.end, toTs);
      if (to > from) byKind[`all:${sp.name}`] = (byKind[`all:${sp.name}`] ?? 0) + (to - from) / 1000;
    }
  }
  spans.sort((a, b) => (a.tid === b.tid ? a.start - b.start || b.end - a.end : a.tid < b.tid ? -1 : 1));
  let total = 0;
  let tid = '';
  let coveredTo = -Infinity;
  for (const s of spans) {
    if (s.tid !== tid) {
      tid = s.tid;
      coveredTo = -Infinity;
    }
    if (s.end <= coveredTo) continue;
    const from = Math.max(s.start, coveredTo, fromTs);
    const to = Math.min(s.end, toTs);
    if (to > from) {
      total += to - from;
      if (byKind) byKind[s.name] = (byKind[s.name] ?? 0) + (to - from) / 1000;
    }
    coveredTo = s.end;
  }
  return total / 1000;
}

/** Maps Date.now() milliseconds to trace microseconds, from a `console.timeStamp('bench-sync:<Date.now()>')`. */
export function clockSync(events) {
  const e = events.find((x) => x.name === 'TimeStamp' && String(x.args?.data?.message ?? '').startsWith('bench-sync:'));
  if (!e) return undefined;
  const wall = Number(e.args.data.message.slice('bench-sync:'.length));
  return (ms) => e.ts + (ms - wall) * 1000;
}
