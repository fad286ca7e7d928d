// Socket.IO server: the access JWT is checked in the handshake, a client joins a job's (or
// session's) room only as its owner or as staff, gets the current snapshot first, and the
// Redis adapter lets any API node deliver events that the worker publishes. Rights are not
// frozen at the handshake: each event re-reads the caller's status and role, and a user whose
// rights change (api/services/accessEvents.ts) has every open socket dropped at once.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { z } from 'zod';
import { verifyAccessToken } from './auth/tokens.ts';
import { canSeeOwned } from './policies.ts';
import { jobSnapshot } from './services/jobs.ts';
import type { ApiDeps } from './services/deps.ts';
import type { Caller } from './policies.ts';
import { onModificationRequest } from './routes/chat/socket.ts';
import { ACCESS_CHANGED_CHANNEL } from './services/accessEvents.ts';

export interface SocketData {
  caller: Caller;
}

const target = z.union([
  z.object({ job_id: z.uuid() }).strict(),
  z.object({ session_id: z.uuid() }).strict(),
]);

type Ack = (answer: Record<string, unknown>) => void;

export function createRealtime(http: HttpServer, deps: ApiDeps): { io: Server; close: () => Promise<void> } {
  const { cfg } = deps;
  const jobs = deps;
  const pub = deps.redis.duplicate();
  const sub = deps.redis.duplicate();
  const accessChanges = deps.redis.duplicate();
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    adapter: createAdapter(pub, sub),
    cors: { origin: cfg.publicUrl },
    // A client that drops for a moment gets the events it missed, in order.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });

  /** The caller as the users table says now; undefined once the account is gone or suspended. */
  const currentCaller = async (id: string): Promise<Caller | undefined> => {
    const user = await jobs.db.models.User.findByPk(id, { attributes: ['id', 'role', 'status', 'username'] });
    return user?.status === 'active' ? { id: user.id, role: user.role, username: user.username } : undefined;
  };

  // Each node drops its own sockets of the user; every node hears the message.
  void accessChanges.subscribe(ACCESS_CHANGED_CHANNEL).catch(() => undefined);
  accessChanges.on('message', (channel: string, userId: string) => {
    if (channel === ACCESS_CHANGED_CHANNEL) io.local.in(`user:${userId}`).disconnectSockets(true);
  });

  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    const claims = typeof token === 'string' ? verifyAccessToken(cfg, token) : undefined;
    const user = claims ? await currentCaller(claims.sub) : undefined;
    if (!user) {
      next(Object.assign(
        new Error('unauthorized'),
        { data: { error_code: 'unauthorized', detail: 'A valid access token of an active account is required' } },
      ));
      return;
    }
    socket.data.caller = user;
    next();
  });

  io.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    void socket.join(`user:${data.caller.id}`);
    const guard = (handler: (caller: Caller, body: unknown, ack: Ack) => Promise<void>) =>
      (body: unknown, ack?: unknown) => {
        const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
        const failed = () => reply({ ok: false, error_code: 'internal_error', detail: 'The request failed' });
        const run = async () => {
          const caller = await currentCaller(data.caller.id);
          if (!caller) {
            reply({ ok: false, error_code: 'account_suspended', detail: 'This account is no longer active' });
            socket.disconnect(true);
            return;
          }
          data.caller = caller;
          await handler(caller, body, reply);
        };
        run().catch(failed);
      };

    socket.on('subscribe', guard(async (caller, body, ack) => {
      const parsed = target.safeParse(body);
      if (!parsed.success) {
        return ack({ ok: false, error_code: 'validation_error', detail: 'send { job_id } or { session_id } (a uuid)' });
      }
      if ('job_id' in parsed.data) {
        const job = await jobs.db.models.Job.findByPk(parsed.data.job_id);
        if (!job || !canSeeOwned(caller, job.userId)) {
          return ack({ ok: false, error_code: 'not_found', detail: 'job not found' });
        }
        await socket.join(`job:${job.id}`);
        return ack({ ok: true, snapshot: await jobSnapshot(jobs, job) });
      }
      const session = await jobs.db.models.Session.findByPk(parsed.data.session_id, { attributes: ['id', 'userId'] });
      if (!session || !canSeeOwned(caller, session.userId)) {
        return ack({ ok: false, error_code: 'not_found', detail: 'session not found' });
      }
      await socket.join(`session:${session.id}`);
      return ack({ ok: true });
    }));

    socket.on('unsubscribe', guard(async (_caller, body, ack) => {
      const parsed = target.safeParse(body);
      if (!parsed.success) {
        return ack({ ok: false, error_code: 'validation_error', detail: 'send { job_id } or { session_id }' });
      }
      await socket.leave('job_id' in parsed.data ? `job:${parsed.data.job_id}` : `session:${parsed.data.session_id}`);
      return ack({ ok: true });
    }));

    // The seed's change request over the socket: same service and quota as POST /api/chat/message.
    socket.on('modification_request', guard((caller, body, ack) =>
      onModificationRequest(deps, caller, socket, body, ack)));
  });

  return {
    io,
    close: async () => {
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      pub.disconnect();
      sub.disconnect();
      accessChanges.disconnect();
    },
  };
}
