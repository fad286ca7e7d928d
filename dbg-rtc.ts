import { createServer } from 'node:http';
import { createSocket } from 'node:dgram';
import { chromium } from 'playwright-core';
const stun = createSocket('udp4'); let packets = 0;
stun.on('message', () => { packets++; });
await new Promise<void>((r) => stun.bind(0, '127.0.0.1', r));
const sport = stun.address().port;
const GAME = `<!DOCTYPE html><html><body><script>
const out = {};
function tryPc(W, name) {
  try { const pc = new W.RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:${sport}' }] });
    pc.createDataChannel('x'); pc.createOffer().then((o) => pc.setLocalDescription(o)).then(() => console.log(name, 'offer set'), (e) => console.log(name, 'err', e.message));
    pc.onicecandidate = (e) => console.log(name, 'cand', e.candidate && e.candidate.type);
    out[name] = 'made';
  } catch (e) { out[name] = 'threw ' + e.name + ' ' + e.message; }
}
tryPc(window, 'top');
const f = document.createElement('iframe'); document.body.appendChild(f);
try { tryPc(f.contentWindow, 'iframe'); } catch (e) { out.iframe = 'no window ' + e.message; }
console.log(JSON.stringify(out));
</script></body></html>`;
const CSP = process.argv[2] ?? '';
const server = createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': CSP }); res.end(GAME); });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text()));
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForTimeout(2500);
console.log('packets', packets);
await browser.close(); server.close(); stun.close();
