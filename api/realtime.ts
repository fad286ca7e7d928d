// Socket.IO server: the access JWT is checked in the handshake, and the Redis adapter lets
// any API node deliver events published by the worker or by another node.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Config } from '../config.ts';
import type { Redis } from '../lib/redis.ts';
import { verifyAccessToken } from './auth/tokens.ts';

export interface SocketData {
  userId: string;
  role: string;
}

export function createRealtime(http: HttpServer, cfg: Config, redis: Redis): { io: Server; close: () => Promise<void> } {
  const pub = redis.duplicate();
  const sub = redis.duplicate();
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    adapter: createAdapter(pub, sub),
    cors: { origin: cfg.publicUrl },
  });
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    const claims = typeof token === 'string' ? verifyAccessToken(cfg, token) : undefined;
    if (!claims) {
      next(Object.assign(new Error('unauthorized'), { data: { error_code: 'unauthorized', detail: 'A valid access token is required' } }));
      return;
    }
    socket.data.userId = claims.sub;
    socket.data.role = claims.role;
    next();
  });
  return {
    io,
    close: async () => {
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      pub.disconnect();
      sub.disconnect();
    },
  };
}
