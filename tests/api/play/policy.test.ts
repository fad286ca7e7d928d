// The game's runtime holds on its own, in real Chromium, for a game that passed the scanner:
// code written at run time never runs (the policy allows the game's own inline code by hash
// only), and WebRTC is gone from the page and from every realm the game tries to make.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSocket, type Socket } from 'node:dgram';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../../../config.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { createUser } from '../../helpers/users.ts';
import { makeGame } from './fixtures.ts';

// Every trick turns a string into code after the page loaded; each records itself if it ran.
const INJECTION = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>injection</title></head>
<body><canvas id="c" width="32" height="32"></canvas>
<script type="text/plain" id="payload">window.__ran.push('plain-text-block')</script>
<button id="b" onclick="window.__ran.push('static-handler')">b</button>
<script>
window.__ran = [];
const tries = {};
function attempt(name, fn) { try { fn(); tries[name] = 'done'; } catch (e) { tries[name] = 'threw ' + e.name; } }
const img = () => { const i = document.createElement('img'); document.body.appendChild(i); return i; };
attempt('setAttributeNS', () => { const i = img(); i.setAttributeNS(null, 'onerror', "__ran.push('setAttributeNS')");
  i.src = 'x:'; });
attempt("setAttribute", () => { const i = img(); i.setAttribute("onerror", "__ran.push('setAttribute')");
  i.src = "x:"; });
attempt('setHTMLUnsafe', () => document.body.setHTMLUnsafe(document.body.innerHTML +
  '<img src="x:" onerror="__ran.push(\\'setHTMLUnsafe\\')">'));
attempt('descriptor', () => {
  const set = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML').set;
  const d = document.createElement('div'); document.body.appendChild(d);
  set.call(d, '<img src="x:" onerror="__ran.push(\\'descriptor\\')">');
});
attempt('plain', () => { const s = document.createElement('script');
  s.textContent = document.getElementById('payload').textContent; document.body.appendChild(s); });
attempt('javascript-url', () => { const a = document.createElement('a'); a.href = "javascript:__ran.push('url')";
  document.body.appendChild(a); a.click(); });
attempt('static-handler', () => document.getElementById('b').click());
</script>
<script>Document.prototype.write.call(document, '<script>__ran.push("document-write")<\\/script>');</script>
<script>setTimeout(() => parent.postMessage({ report: { ran: window.__ran, tries } }, '*'), 600);</script>
</body></html>`;

/** A game that tries WebRTC towards a STUN listener, directly and through every fresh realm it can make. */
function rtcGame(stunPort: number): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>rtc</title></head>
<body><canvas id="c" width="32" height="32"></canvas>
<iframe id="markup"></iframe>
<script>
const seen = {};
const stun = { iceServers: [{ urls: 'stun:127.0.0.1:${stunPort}' }] };
function dial(name, get) {
  try {
    const W = get();
    const Pc = W && (W.RTCPeerConnection || W.webkitRTCPeerConnection);
    if (typeof Pc !== 'function') { seen[name] = 'missing'; return; }
    const pc = new Pc(stun); pc.createDataChannel('x');
    pc.createOffer().then((o) => pc.setLocalDescription(o));
    seen[name] = 'made';
  } catch (e) { seen[name] = 'threw ' + e.name; }
}
dial('window', () => window);
dial('markup-iframe', () => window[0]);
const f = document.createElement('iframe'); document.body.appendChild(f);
dial('appended-iframe', () => f.contentWindow);
dial('appended-index', () => window[window.length - 1]);
document.body.insertAdjacentHTML('beforeend', '<iframe></iframe>');
dial('html-iframe', () => window[window.length - 1]);
const holder = document.createElement('div'); holder.innerHTML = '<iframe srcdoc="<p>x"></iframe>';
document.body.append(holder);
const shadow = document.createElement('div').attachShadow({ mode: 'closed' });
shadow.innerHTML = '<iframe></iframe>';
dial('shadow-iframe', () => shadow.querySelector('iframe') && shadow.querySelector('iframe').contentWindow);
dial('constructor-of-instance', () => ({ RTCPeerConnection: window.RTCSessionDescription &&
  new RTCSessionDescription({ type: 'offer', sdp: '' }).constructor }));
setTimeout(() => {
  dial('late-index', () => window[0]);
  dial('srcdoc', () => holder.firstChild && holder.firstChild.contentWindow);
  parent.postMessage({ report: { seen, frames: window.length } }, '*');
}, 800);
</script></body></html>`;
}

let s: Services;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let browser: Browser;
let owner: Awaited<ReturnType<typeof createUser>>;
let stun: Socket;
let packets = 0;

beforeAll(async () => {
  s = await connectServices();
  api = await listenTestApp(s, { cfg: parseConfig({ ...process.env }) });
  browser = await launchBrowser();
  owner = await createUser(s);
  stun = createSocket('udp4');
  stun.on('message', () => { packets += 1; });
  await new Promise<void>((resolve) => stun.bind(0, '127.0.0.1', resolve));
}, 60_000);

afterAll(async () => {
  stun?.close();
  await browser?.close();
  await api?.close();
  await s?.close();
});

async function play(content: string): Promise<{ report: Record<string, unknown>; violations: string[]; page: Page }> {
  const { gameId, version } = await makeGame(s, owner.user.id, { content, isPublic: true });
  const context = await browser.newContext();
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      console.error('[csp] ' + e.effectiveDirective), true);
      window.addEventListener('message', (e) => { if (e.data && e.data.report) window.__report = e.data.report; });`,
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => { if (m.text().startsWith('[csp] ')) violations.push(m.text().slice(6)); });
  await page.goto(`${api.base}/play/${gameId}/${version}`);
  const handle = await page.waitForFunction(() => (window as unknown as { __report?: unknown }).__report,
    undefined, { timeout: 15_000 });
  return { report: (await handle.jsonValue()) as Record<string, unknown>, violations, page };
}

describe('the game runtime on its own', () => {
  it('runs the game\'s own inline code and static handlers, and nothing written at run time', async () => {
    const { report, violations, page } = await play(INJECTION);
    expect(report.ran).toEqual(['static-handler']);
    const tries = report.tries as Record<string, string>;
    for (const name of ['setAttributeNS', 'setAttribute', 'setHTMLUnsafe', 'descriptor', 'plain', 'javascript-url']) {
      expect([name, tries[name]]).toEqual([name, 'done']); // each trick really was tried
    }
    expect(new Set(violations)).toEqual(new Set(['script-src-attr', 'script-src-elem', 'img-src']));
    await page.context().close();
  }, 60_000);

  it('takes WebRTC away from the page and from every realm the game makes; no packet reaches STUN', async () => {
    const { report, page } = await play(rtcGame((stun.address()).port));
    const seen = report.seen as Record<string, string>;
    expect(Object.keys(seen).sort()).toEqual([
      'appended-iframe', 'appended-index', 'constructor-of-instance', 'html-iframe', 'late-index', 'markup-iframe',
      'shadow-iframe', 'srcdoc', 'window',
    ]);
    for (const [name, outcome] of Object.entries(seen)) expect([name, outcome]).toEqual([name, 'missing']);
    expect(report.frames).toBe(0); // every frame was taken out of the page
    await page.waitForTimeout(1000);
    expect(packets).toBe(0);
    await page.context().close();
  }, 60_000);
});
