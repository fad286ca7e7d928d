// Socket rights are not frozen at the handshake: each event re-reads the caller, the change
// request re-checks the account's status, and a suspension or demotion drops the user's open
// sockets on every node through Redis.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io as connect, type Socket } from 'socket.io-client';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { createSession, createUser } from '../../helpers/users.ts';
import { changeRole, setSuspended } from '../../../api/services/userAdmin.ts';
import { requestModification } from '../../../api/services/modifications.ts';
import { AppError } from '../../../api/errors.ts';

let s: Services;
let api: Awaited<ReturnType<typeof listenTestApp>>;
const sockets: Socket[] = [];

async function socketFor(token: string): Promise<Socket> {
  const socket = connect(api.base, { auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

const disconnected = (socket: Socket, ms: number) => new Promise<string>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
  socket.once('disconnect', (reason) => {
    clearTimeout(timer);
    resolve(reason);
  });
});

beforeAll(async () => {
  s = await connectServices();
  api = await listenTestApp(s);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await api?.close();
  await s?.close();
});

describe('socket rights, re-checked where they are used', () => {
  it('a user suspended while connected cannot start a job from the open socket', async () => {
    const { user, token } = await createUser(s);
    const sessionId = await createSession(s, user.id);
    const socket = await socketFor(token);
    // Straight in the table, as if this node never heard the announcement: the event itself re-reads.
    await user.update({ status: 'suspended' });
    const gone = disconnected(socket, 5000);
    const ack = await socket.emitWithAck('modification_request', { message: 'Make it red', session_id: sessionId });
    expect(ack).toMatchObject({ ok: false, error_code: 'account_suspended' });
    await gone;
    expect(await s.db.models.Job.count({ where: { userId: user.id } })).toBe(0);
  });

  it('requestModification itself refuses a suspended caller (403), as the HTTP route does', async () => {
    const { user } = await createUser(s);
    const sessionId = await createSession(s, user.id);
    await user.update({ status: 'suspended' });
    const caller = { id: user.id, role: user.role, username: user.username };
    const deps = { cfg: s.cfg, db: s.db, redis: s.redis, temporal: s.client, logger: s.logger };
    const refused = await requestModification(deps, caller, { sessionId, message: 'Make it red', metadata: {} })
      .then(() => undefined, (err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 403, errorCode: 'account_suspended' });
  });

  it('a moderator demoted while connected can no longer subscribe to other users\' rooms', async () => {
    const owner = await createUser(s);
    const sessionA = await createSession(s, owner.user.id);
    const sessionB = await createSession(s, owner.user.id);
    const mod = await createUser(s, 'moderator');
    const socket = await socketFor(mod.token);
    expect(await socket.emitWithAck('subscribe', { session_id: sessionA })).toEqual({ ok: true });
    await mod.user.update({ role: 'user' });
    expect(await socket.emitWithAck('subscribe', { session_id: sessionB }))
      .toEqual({ ok: false, error_code: 'not_found', detail: 'session not found' });
  });

  it('suspending or demoting through the service drops the user\'s open sockets at once', async () => {
    const admin = await createUser(s, 'admin');
    const deps = { db: s.db, redis: s.redis };
    const target = await createUser(s);
    const socket = await socketFor(target.token);
    const gone = disconnected(socket, 3000);
    expect((await setSuspended(deps, target.user.id, true, admin.user.id)).ok).toBe(true);
    expect(await gone).toBe('io server disconnect');

    const mod = await createUser(s, 'moderator');
    const modSocket = await socketFor(mod.token);
    const modGone = disconnected(modSocket, 3000);
    expect((await changeRole(deps, mod.user.id, 'user', admin.user.id)).ok).toBe(true);
    expect(await modGone).toBe('io server disconnect');
  });
});
