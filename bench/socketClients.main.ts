// A client process of the socket benchmark (bench/socket.ts spawns it with an IPC channel):
// it holds a share of the socket.io-client connections, each subscribed to one job room, and
// reports per round how long each progress event took from emit to receipt.
import { io as connect, type Socket } from 'socket.io-client';
import { now, type FromChild, type ToChild } from './socketProtocol.ts';

const send = (m: FromChild): void => void process.send?.(m);
const sockets: Socket[] = [];
const byRound = new Map<number, number[]>();

function record(p: { message: string }): void {
  const t = now();
  const m = /^bench:(\d+):([\d.]+)$/.exec(p.message);
  if (!m) return;
  const round = Number(m[1]);
  const list = byRound.get(round) ?? [];
  list.push(t - Number(m[2]));
  byRound.set(round, list);
  if (list.length === sockets.length) {
    byRound.delete(round);
    send({ type: 'round', round, values: list });
  }
}

async function subscribe(base: string, token: string, jobId: string): Promise<boolean> {
  const socket = connect(base, { auth: { token }, transports: ['websocket'], reconnection: false, timeout: 20_000 });
  try {
    await new Promise<void>((ok, fail) => {
      socket.once('connect', ok);
      socket.once('connect_error', fail);
    });
    const ack = (await socket.timeout(20_000).emitWithAck('subscribe', { job_id: jobId })) as { ok: boolean };
    if (!ack.ok) throw new Error('subscribe refused');
    socket.on('job:progress', record);
    sockets.push(socket);
    return true;
  } catch {
    socket.close();
    return false;
  }
}

async function connectAll(msg: Extract<ToChild, { type: 'connect' }>): Promise<void> {
  let failed = 0;
  // 25 handshakes at a time: the API checks each token against the users table.
  for (let i = 0; i < msg.rooms.length; i += 25) {
    const batch = msg.rooms.slice(i, i + 25);
    const outcomes = await Promise.all(batch.map((jobId) => subscribe(msg.base, msg.token, jobId)));
    failed += outcomes.filter((ok) => !ok).length;
  }
  send({ type: 'ready', connected: sockets.length, failed });
}

process.on('message', (msg: ToChild) => {
  if (msg.type === 'connect') {
    void connectAll(msg);
  } else if (msg.type === 'flush') {
    send({ type: 'round', round: msg.round, values: byRound.get(msg.round) ?? [] });
    byRound.delete(msg.round);
  } else {
    sockets.forEach((s) => s.close());
    setTimeout(() => process.exit(0), 50);
  }
});
