// Following a job: its `job:progress` events on the socket, drawn as a bar on a terminal or as
// one line per event otherwise.
import { io } from 'socket.io-client';
import type { Api } from './api.ts';
import { CliError } from './args.ts';

const TERMINAL = new Set(['completed', 'failed', 'rejected', 'cancelled']);

export interface Progress {
  job_id: string;
  seq: number;
  state: string;
  step?: string;
  message: string;
  percent: number;
  version?: number;
  error_code?: string;
  detail?: string;
}

interface SubscribeAck { ok: boolean; snapshot?: Progress; detail?: string }

export function progressView(out: NodeJS.WriteStream) {
  let seq = -1;
  let bar = false;
  return {
    show(e: Progress): void {
      if (e.seq <= seq) return; // duplicates (snapshot, then the same event live)
      seq = e.seq;
      const pct = Math.max(0, Math.min(100, Math.round(e.percent)));
      if (out.isTTY) {
        const width = 28;
        const filled = Math.round((pct / 100) * width);
        const meter = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
        const line = `${meter} ${String(pct).padStart(3)}% ${e.state}: ${e.message}`;
        out.write(`\r\x1b[2K${line.slice(0, Math.max(20, (out.columns || 100) - 1))}`);
        bar = true;
      } else {
        out.write(`[${String(pct).padStart(3)}%] ${e.state}${e.step ? ` (${e.step})` : ''}: ${e.message}\n`);
      }
    },
    end(): void {
      if (bar) out.write('\n');
      bar = false;
    },
  };
}

/** Follows the job on the socket (the ack's snapshot covers events before subscribing) and
 *  polls GET /api/jobs/:id as a safety net, so a dropped socket never hangs the CLI. */
export function followJob(api: Api, jobId: string, timeoutMs: number, show: (e: Progress) => void): Promise<Progress> {
  return new Promise((resolvePromise, reject) => {
    const socket = io(api.base, { auth: { token: api.token }, transports: ['websocket'], reconnectionAttempts: 5 });
    let finished = false;
    const finish = (fn: () => void): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(poll);
      socket.close();
      fn();
    };
    const seen = (e: Progress): void => {
      if (finished || e.job_id !== jobId) return;
      show(e);
      if (TERMINAL.has(e.state)) finish(() => resolvePromise(e));
    };
    const timer = setTimeout(() => finish(() => reject(
      new CliError(1, `the job did not finish within ${timeoutMs / 1000} s (job ${jobId})`),
    )), timeoutMs);
    const poll = setInterval(() => {
      api.raw('GET', `/api/jobs/${jobId}`, { auth: true }).then((r) => {
        if (r.status === 200) seen(r.body as unknown as Progress);
      }, () => undefined);
    }, 5000);
    socket.on('connect', () => {
      socket.emitWithAck('subscribe', { job_id: jobId }).then((ack: SubscribeAck) => {
        if (ack.ok && ack.snapshot) seen(ack.snapshot);
        else if (!ack.ok) {
          process.stderr.write(`socket subscribe refused (${ack.detail ?? 'unknown'}); polling instead\n`);
        }
      }, () => undefined);
    });
    for (const name of ['job:progress', 'job:completed', 'job:failed']) socket.on(name, seen);
  });
}
