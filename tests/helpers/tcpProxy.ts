// A TCP relay on 127.0.0.1 in front of a service, which a test can hold (nothing passes in
// either direction, bytes are kept) and cut (every connection dropped, held bytes discarded):
// how a test loses a message at a chosen moment without a branch in the code under test.
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** host:port to give the client instead of the service's. */
  address: string;
  hold(): void;
  release(): void;
  /** Drops every connection now; what was held is never delivered. */
  cut(): void;
  close(): Promise<void>;
}

interface Pair { client: Socket; upstream: Socket; queued: { to: Socket; chunk: Buffer }[] }

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let held = false;
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const pair: Pair = { client, upstream, queued: [] };
    pairs.add(pair);
    const relay = (to: Socket) => (chunk: Buffer) => {
      if (held) pair.queued.push({ to, chunk });
      else to.write(chunk);
    };
    client.on('data', relay(upstream));
    upstream.on('data', relay(client));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    hold: () => { held = true; },
    release: () => {
      held = false;
      for (const pair of pairs) for (const { to, chunk } of pair.queued.splice(0)) to.write(chunk);
    },
    cut: () => {
      for (const pair of [...pairs]) {
        pair.queued.length = 0;
        pair.client.destroy();
        pair.upstream.destroy();
      }
      pairs.clear();
    },
    close: () => new Promise<void>((resolve) => {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      server.close(() => resolve());
    }),
  };
}
