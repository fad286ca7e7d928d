// The DevTools relay: the upgrade request reaches the browser without its compression offer,
// everything after it passes both ways untouched, and the port takes no second connection.
import { afterEach, describe, expect, it } from '@jest/globals';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { openCdpRelay, withoutExtensions, type CdpRelay } from '../../../game/scan/playtest/cdpRelay.ts';

const UPGRADE = [
  'GET /devtools/browser/abc HTTP/1.1', 'Host: 127.0.0.1', 'Connection: Upgrade', 'Upgrade: websocket',
  'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits',
].join('\r\n') + '\r\n\r\n';

let browserSide: Server | undefined;
let relay: CdpRelay | undefined;
afterEach(() => {
  relay?.close();
  browserSide?.close();
});

/** A stand-in for Chromium's DevTools port: records what arrives, answers `reply` once the head is in. */
async function fakeDevTools(reply: string): Promise<{ port: number; received: () => string }> {
  let received = '';
  browserSide = createServer((s: Socket) => {
    s.on('data', (chunk) => {
      const before = received;
      received += chunk.toString('latin1');
      if (!before.includes('\r\n\r\n') && received.includes('\r\n\r\n')) s.write(reply);
    });
  });
  await new Promise<void>((r) => browserSide!.listen(0, '127.0.0.1', r));
  return { port: (browserSide.address() as AddressInfo).port, received: () => received };
}

const open = (url: string): Socket => {
  const { port } = new URL(url);
  return connect(Number(port), '127.0.0.1');
};

describe('the DevTools relay', () => {
  it('drops only the extension offer from a request head, in any case', () => {
    const head = 'GET / HTTP/1.1\r\nHost: x\r\nsec-websocket-EXTENSIONS: permessage-deflate\r\nUpgrade: websocket';
    expect(withoutExtensions(head)).toBe('GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket');
  });

  it('forwards the upgrade without compression, then bytes both ways, and takes one connection only', async () => {
    const devtools = await fakeDevTools('HTTP/1.1 101 Switching Protocols\r\n\r\nfrom-browser');
    relay = await openCdpRelay(`ws://127.0.0.1:${devtools.port}/devtools/browser/abc`);
    expect(relay.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\/abc$/);
    const client = open(relay.url);
    let answer = '';
    client.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    // The head arrives in two pieces, with the first frame's bytes right behind it.
    client.write(UPGRADE.slice(0, 40));
    await new Promise((r) => setTimeout(r, 50));
    client.write(`${UPGRADE.slice(40)}first-frame`);
    for (let i = 0; i < 100 && !answer.includes('from-browser'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(answer).toContain('101 Switching Protocols');
    expect(answer).toContain('from-browser');
    client.write('second-frame');
    for (let i = 0; i < 100 && !devtools.received().includes('second-frame'); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const got = devtools.received();
    expect(got).not.toMatch(/sec-websocket-extensions/i);
    expect(got).toContain('Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==');
    expect(got).toContain('\r\n\r\nfirst-frame');
    expect(got).toContain('second-frame');
    // A second connection to the relay's port is refused.
    const refused = await new Promise<string>((resolve) => {
      const other = open(relay!.url);
      other.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      other.on('connect', () => resolve('connected'));
    });
    expect(refused).toBe('ECONNREFUSED');
    client.destroy();
  });
});
