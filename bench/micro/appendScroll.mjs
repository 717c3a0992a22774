#!/usr/bin/env node
// Micro-benchmark (not part of `npm run bench`): the per-frame cost of growing a plain-text stream the way
// the thinking view does (1 KB block chunks, 16 to a section) and keeping the bottom in view, in a plain
// chromium page. Variants: appendData (current) vs a new text node per update; overflow-wrap anywhere vs
// break-word; scrollTop per frame vs CSS scroll anchoring on a bottom sentinel ("anchor", which also
// counts frames where the bottom was not followed). Prints JS time for the append and the forced layout.
// Usage: node bench/micro/appendScroll.mjs [variant…]   (chromium from CHROMIUM_PATH or /usr/bin/chromium)
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { chromium } = createRequire(path.join(root, 'package.json'))('playwright-core');
const FRAMES = 600;
const variants = process.argv.slice(2).length ? process.argv.slice(2) : ['appendData', 'newTextNode', 'appendData-breakword', 'appendData-anchor', 'appendData', 'newTextNode', 'appendData-breakword', 'appendData-anchor'];

function pageHtml(v) {
  const wrap = v.includes('breakword') ? 'break-word' : 'anywhere';
  const anchor = v.includes('anchor');
  return `<style>body{margin:0;font:13px sans-serif} .t{height:700px;overflow:auto} .plain-stream{white-space:pre-wrap;overflow-wrap:${wrap}}
.plain-section:not(:last-child){content-visibility:auto;contain-intrinsic-size:auto 40em} ${anchor ? '.t > article{overflow-anchor:none}' : ''}</style>
<div class="t" id="t"><article><details open><summary>Thinking</summary><div class="plain-stream" id="s"></div></details></article>${anchor ? '<div style="overflow-anchor:auto;height:1px"></div>' : ''}</div>`;
}

/** Runs in the page: 20k tokens first, then FRAMES animation frames of 80 tokens each. */
async function measure({ v, frames }) {
  const WORDS = ['the', 'parser', 'reads', 'each', 'token', 'and', 'keeps', 'comments', 'so', 'that', 'trailing', 'lines', 'survive', 'a', 'round', 'trip'];
  let i = 0;
  const delta = () => {
    let s = '';
    for (let k = 0; k < 80; k++, i++) s += i % 60 === 59 ? '.\n\n' : ` ${WORDS[i % 16]}`;
    return s;
  };
  const t = document.getElementById('t');
  const s = document.getElementById('s');
  let section;
  let node;
  let len = 0;
  let chunks = 0;
  const start = () => {
    if (!section || chunks >= 16) {
      section = document.createElement('div');
      section.className = 'plain-section';
      s.append(section);
      chunks = 0;
    }
    const c = document.createElement('div');
    c.className = 'plain-chunk';
    node = document.createTextNode('');
    c.append(node);
    section.append(c);
    len = 0;
    chunks++;
  };
  const put = (text) => (v.startsWith('newTextNode') ? node.parentNode.append(text) : node.appendData(text));
  const append = (text) => {
    let rest = text;
    while (rest) {
      if (!node) start();
      const nl = rest.indexOf('\n', Math.max(0, 1024 - len - 1));
      if (nl === -1) {
        put(rest);
        len += rest.length;
        return;
      }
      put(rest.slice(0, nl + 1));
      node = undefined;
      rest = rest.slice(nl + 1);
    }
  };
  for (let k = 0; k < 250; k++) append(delta());
  t.scrollTop = t.scrollHeight;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  let appendMs = 0;
  let layoutMs = 0;
  let n = 0;
  let misses = 0;
  await new Promise((resolve) => {
    const step = () => {
      if (v.includes('anchor') && n > 5 && t.scrollHeight - t.scrollTop - t.clientHeight > 30) misses++;
      const t0 = performance.now();
      append(delta());
      const t1 = performance.now();
      if (v.includes('anchor')) void t.scrollHeight;
      else t.scrollTop = t.scrollHeight;
      appendMs += t1 - t0;
      layoutMs += performance.now() - t1;
      if (++n < frames) requestAnimationFrame(step);
      else resolve();
    };
    requestAnimationFrame(step);
  });
  return { append: appendMs / n, layout: layoutMs / n, misses };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 500, height: 800 } });
  for (const v of variants) {
    await page.setContent(pageHtml(v));
    const r = await page.evaluate(measure, { v, frames: FRAMES });
    console.log(`${v.padEnd(24)} append ${r.append.toFixed(3)} ms  layout (forced) ${r.layout.toFixed(3)} ms  total ${(r.append + r.layout).toFixed(3)} ms${v.includes('anchor') ? `  frames not at the bottom: ${r.misses}` : ''}`);
  }
} finally {
  await browser.close();
}
