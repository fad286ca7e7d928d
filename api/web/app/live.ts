// Live progress over Socket.IO: one connection per signed-in page, authenticated with the
// in-memory access token (asked afresh on every reconnect). Following a job subscribes to its
// room; the acknowledgement carries the current snapshot, so a page opened after a reload or a
// reconnect picks up the story where it is. Events are deduplicated by their seq.
import { io, type Socket } from 'socket.io-client';
import type { JobSnapshot, ProgressEvent } from '../../../workflows/messages.ts';
import { refresh, token } from './api.ts';

/** A progress event, or the snapshot a subscription answers with (the workflow's contract). */
export type JobEvent = ProgressEvent & Partial<Pick<JobSnapshot, 'version' | 'error_code' | 'detail'>>;

export const TERMINAL = new Set(['completed', 'failed', 'rejected', 'cancelled']);
let socket: Socket | null = null;

function connection(): Socket {
  if (socket) return socket;
  const s = io({ path: '/socket.io', transports: ['websocket'], auth: (cb) => cb({ token: token() }) });
  s.on('connect_error', (err: Error & { data?: { error_code?: string } }) => {
    // An expired access token: renew it from the cookie and try again.
    if (err.data?.error_code === 'unauthorized') void refresh().then((ok) => ok && s.connect());
  });
  socket = s;
  return s;
}

export function disconnect(): void {
  socket?.disconnect();
  socket = null;
}

/** Calls `onEvent` with the snapshot and every later event, in order, until the job ends. */
export function followJob(jobId: string, onEvent: (e: JobEvent) => void): () => void {
  const s = connection();
  let lastSeq = -1;
  let stopped = false;
  const take = (e: JobEvent) => {
    if (stopped || e.job_id !== jobId || e.seq <= lastSeq) return;
    lastSeq = e.seq;
    onEvent(e);
    if (TERMINAL.has(e.state)) stop();
  };
  const subscribe = () => s.emit('subscribe', { job_id: jobId }, (ack: { ok: boolean; snapshot?: JobEvent }) => {
    // A snapshot older than what we have (seq) is dropped by take().
    if (ack.ok && ack.snapshot) take({ ...ack.snapshot, job_id: jobId });
  });
  const onProgress = (e: JobEvent) => take(e);
  s.on('job:progress', onProgress);
  s.on('job:completed', onProgress);
  s.on('job:failed', onProgress);
  s.on('connect', subscribe);
  if (s.connected) subscribe();
  function stop() {
    stopped = true;
    s.off('job:progress', onProgress).off('job:completed', onProgress).off('job:failed', onProgress);
    s.off('connect', subscribe);
    if (s.connected) s.emit('unsubscribe', { job_id: jobId }, () => undefined);
  }
  return stop;
}
