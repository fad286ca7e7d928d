// A listener on 127.0.0.1 that a sandboxed page must never reach: a TCP (HTTP) server that
// records every connection, request and WebSocket upgrade, and a UDP socket on the same port
// number that records every datagram (a STUN binding request from WebRTC). It answers HTTP
// with 200 and `Access-Control-Allow-Origin: *`, so a page that does reach it sees success.
import { createServer, type Server } from 'node:http';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

export interface Tripwire {
  /** 127.0.0.1:port, the same port for TCP and UDP. */
  host: string;
  port: number;
  /** Everything that arrived, in order: `tcp connect`, `http GET /x`, `ws upgrade /x`, `udp 20 bytes`. */
  seen: string[];
  close(): Promise<void>;
}

function bindUdp(port: number): Promise<Socket | null> {
  const udp = createSocket('udp4');
  return new Promise((resolve) => {
    udp.once('error', () => { udp.close(); resolve(null); });
    udp.bind(port, '127.0.0.1', () => resolve(udp));
  });
}

export async function startTripwire(): Promise<Tripwire> {
  const seen: string[] = [];
  // A free TCP port whose UDP twin is free too; bounded tries.
  for (let attempt = 0; attempt < 20; attempt++) {
    const server: Server = createServer((req, res) => {
      seen.push(`http ${req.method} ${req.url}`);
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('ok');
    });
    server.on('connection', () => seen.push('tcp connect'));
    // A WebSocket asks to upgrade; it is recorded and dropped without an answer.
    server.on('upgrade', (req, socket) => { seen.push(`ws upgrade ${req.url}`); socket.destroy(); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const udp = await bindUdp(port);
    if (!udp) {
      await new Promise((resolve) => server.close(resolve));
      continue;
    }
    udp.on('message', (msg) => seen.push(`udp ${msg.length} bytes`));
    return {
      host: `127.0.0.1:${port}`, port, seen,
      close: async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await new Promise<void>((resolve) => udp.close(() => resolve()));
      },
    };
  }
  throw new Error('no port free for both TCP and UDP on 127.0.0.1');
}
