// Collects a socket's job events, in arrival order, and waits for a job's last one.
import type { Socket } from 'socket.io-client';

export interface ProgressPayload {
  job_id: string;
  seq: number;
  state: string;
  step: string;
  status: string;
  provider?: string;
  message: string;
  percent: number;
  version?: number;
  error_code?: string;
}

export interface Collected {
  all: { name: string; payload: ProgressPayload }[];
  progress(jobId: string): ProgressPayload[];
  until(jobId: string, ms: number): Promise<{ name: string; payload: ProgressPayload }>;
}

export function collectJobEvents(socket: Socket): Collected {
  const all: Collected['all'] = [];
  const waiters: (() => void)[] = [];
  for (const name of ['job:progress', 'job:completed', 'job:failed']) {
    socket.on(name, (payload: ProgressPayload) => {
      all.push({ name, payload });
      waiters.splice(0).forEach((w) => w());
    });
  }
  const final = (jobId: string) => all.find((e) => e.name !== 'job:progress' && e.payload.job_id === jobId);
  return {
    all,
    progress: (jobId) =>
      all.filter((e) => e.name === 'job:progress' && e.payload.job_id === jobId).map((e) => e.payload),
    until: (jobId, ms) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const got = JSON.stringify(all.map((e) => [e.name, e.payload.state, e.payload.message]));
          reject(new Error(`no final event for job ${jobId} within ${ms} ms; got ${got}`));
        }, ms);
        const check = () => {
          const f = final(jobId);
          if (f) {
            clearTimeout(timer);
            resolve(f);
          } else waiters.push(check);
        };
        check();
      }),
  };
}
