// The DevTools WebSocket without compression. Playwright offers permessage-deflate when it
// connects over CDP and Chromium accepts it, so every screenshot and every judged picture that
// crossed the protocol was deflated by the browser and inflated by the worker: CPU spent on a
// loopback connection (measured: the largest single cost of the worker in a playtest). This relay
// takes the one connection Playwright opens, removes the extension offer from its upgrade
// request, and then passes bytes through untouched.
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** An upgrade request is a few hundred bytes; anything longer is not Playwright's. */
const MAX_HEAD_BYTES = 16 * 1024;
const HEAD_END = '\r\n\r\n';

export interface CdpRelay {
  /** The endpoint to give connectOverCDP in place of Chromium's own. */
  url: string;
  close(): void;
}

/** The request head without its WebSocket extension offer (so no compression is agreed). */
export function withoutExtensions(head: string): string {
  return head.split('\r\n').filter((line) => !/^sec-websocket-extensions\s*:/i.test(line)).join('\r\n');
}

/** Relays one connection to the DevTools endpoint `endpoint` (ws://127.0.0.1:port/devtools/...). */
export async function openCdpRelay(endpoint: string): Promise<CdpRelay> {
  const target = new URL(endpoint);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    // Only Playwright's connection: once it is here, nobody else may connect through this port.
    server.close();
    sockets.add(client);
    // Protocol messages are small and answered one by one: no waiting to fill a segment.
    client.setNoDelay(true);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) client.destroy();
        return;
      }
      client.off('data', onData);
      client.pause();
      const upstream = connect({ port: Number(target.port), host: target.hostname, noDelay: true });
      sockets.add(upstream);
      const down = () => {
        client.destroy();
        upstream.destroy();
      };
      upstream.on('error', down).on('close', down);
      client.on('close', down);
      upstream.once('connect', () => {
        const request = withoutExtensions(head.subarray(0, end).toString('latin1')) + HEAD_END;
        upstream.write(Buffer.concat([Buffer.from(request, 'latin1'), head.subarray(end + HEAD_END.length)]));
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    client.on('data', onData).on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}${target.pathname}`,
    close() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}
