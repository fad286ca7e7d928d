// The seed's WebSocket `modification_request`, served over Socket.IO: the same service as
// POST /api/chat/message (session owner only, same quota), then the socket joins the job's
// room so job:progress and job:completed follow. The new version itself is read with
// GET /api/games/:id (or the chat history): the worker's notify step emits job events only.
import type { Socket } from 'socket.io';
import type { ApiDeps } from '../../services/deps.ts';
import { AppError } from '../../errors.ts';
import type { Caller } from '../../policies.ts';
import { requestModification } from '../../services/modifications.ts';
import { parseInput } from '../../validate.ts';
import { modificationRequestEvent } from './schema.ts';

type Ack = (answer: Record<string, unknown>) => void;

export async function onModificationRequest(
  deps: ApiDeps, caller: Caller, socket: Socket, body: unknown, ack: Ack,
): Promise<void> {
  try {
    const e = parseInput(modificationRequestEvent, body, 'body');
    const { job } = await requestModification(deps, caller, {
      sessionId: e.session_id, message: e.message, baseVersion: e.context?.current_version,
      metadata: {
        channel: 'socket',
        ...(e.context?.viewing_area ? { viewing_area: e.context.viewing_area } : {}),
        ...(e.timestamp ? { client_timestamp: e.timestamp } : {}),
      },
    });
    await socket.join(`job:${job.id}`);
    return ack({
      ok: true, job_id: job.id, game_id: job.gameId, session_id: e.session_id, status: job.state,
      status_url: `/api/jobs/${job.id}`,
    });
  } catch (err) {
    // 400/404/409/429… reach the client as they would over HTTP; anything else is the guard's 500.
    if (err instanceof AppError) return ack({ ok: false, error_code: err.errorCode, detail: err.message });
    throw err;
  }
}
