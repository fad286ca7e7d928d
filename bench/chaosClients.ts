// The chaos run's watchers: Socket.IO clients, one per user and API node, that subscribe to
// each job of their user, take its snapshot, and check what arrives after it. Each job
// event carries `seq`, one more per event of that job; a client counts an event it gets
// twice (a duplicate), one older than what it already has (out of order) and a skipped
// number (a gap). On every reconnect it subscribes again and the new snapshot is its base.
import { io, type Socket } from 'socket.io-client';

interface JobEvent {
  job_id: string;
  seq: number;
  state: string;
}

interface Watch {
  /** The latest seq known (from a snapshot or an event); later events must follow it. */
  last: number;
  /** The highest seq that came as an event: an event below it arrived out of order. */
  lastEvent: number;
  subscribed: boolean;
  /** Events that came before the subscription's snapshot (the room is joined first). */
  early: { name: string; e: JobEvent }[];
  seen: Set<string>;
  final?: string;
  /** The final state came from a snapshot, not an event. */
  finalBySnapshot?: boolean;
}

export interface WatcherCounts {
  events: number;
  duplicates: number;
  out_of_order: number;
  gaps: number;
  reconnects: number;
  snapshots: number;
}

const FINAL = new Set(['completed', 'failed', 'rejected', 'cancelled']);

export class Watcher {
  readonly socket: Socket;
  readonly counts: WatcherCounts = {
    events: 0, duplicates: 0, out_of_order: 0, gaps: 0, reconnects: 0, snapshots: 0,
  };
  private readonly jobs = new Map<string, Watch>();
  private connectedOnce = false;
  /** A job's final state reached this client, as an event or (bySnapshot) in a snapshot. */
  private readonly onFinal: (jobId: string, state: string, bySnapshot: boolean) => void;
  readonly node: number;
  /** The last fault before each duplicate: where duplicates come from. */
  readonly duplicatesAfter = new Map<string, number>();
  private readonly phase: () => string;

  constructor(base: string, token: string, node: number, onFinal: Watcher['onFinal'], phase: () => string) {
    this.node = node;
    this.onFinal = onFinal;
    this.phase = phase;
    this.socket = io(base, {
      auth: { token }, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 1000,
    });
    this.socket.on('connect', () => {
      if (this.connectedOnce) {
        this.counts.reconnects++;
        for (const [jobId, w] of this.jobs) {
          if (w.final) continue;
          w.subscribed = false;
          void this.subscribe(jobId);
        }
      }
      this.connectedOnce = true;
    });
    for (const name of ['job:progress', 'job:completed', 'job:failed']) {
      this.socket.on(name, (e: JobEvent) => this.receive(name, e));
    }
  }

  connected(): Promise<void> {
    return this.socket.connected ? Promise.resolve() : new Promise((r) => this.socket.once('connect', () => r()));
  }

  watch(jobId: string): Promise<void> {
    if (!this.jobs.has(jobId)) {
      this.jobs.set(jobId, { last: 0, lastEvent: 0, subscribed: false, early: [], seen: new Set() });
    }
    return this.subscribe(jobId);
  }

  /** Subscribes (again) to a job: its snapshot becomes the base for what follows. */
  private async subscribe(jobId: string): Promise<void> {
    const w = this.jobs.get(jobId)!;
    for (let attempt = 0; attempt < 40 && !w.subscribed && !w.final; attempt++) {
      try {
        const ack = await this.socket.timeout(5000).emitWithAck('subscribe', { job_id: jobId }) as
          { ok: boolean; snapshot?: JobEvent };
        if (ack.ok && ack.snapshot) {
          this.counts.snapshots++;
          w.last = Math.max(w.last, ack.snapshot.seq);
          w.subscribed = true;
          if (FINAL.has(ack.snapshot.state)) this.end(jobId, w, ack.snapshot.state, true);
          for (const { name, e } of w.early.splice(0)) this.apply(name, e, w);
          return;
        }
      } catch {
        // Not connected or the node is restarting: the reconnect handler or the next try goes on.
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  private receive(name: string, e: JobEvent): void {
    const w = this.jobs.get(e.job_id);
    if (!w) return;
    if (!w.subscribed) w.early.push({ name, e });
    else this.apply(name, e, w);
  }

  private apply(name: string, e: JobEvent, w: Watch): void {
    const key = `${name}:${e.seq}`;
    if (w.seen.has(key)) {
      this.counts.duplicates++;
      const phase = this.phase();
      this.duplicatesAfter.set(phase, (this.duplicatesAfter.get(phase) ?? 0) + 1);
      return;
    }
    w.seen.add(key);
    this.counts.events++;
    // job:completed / job:failed repeat the final job:progress event (same seq).
    if (name === 'job:progress') {
      if (e.seq < w.lastEvent) this.counts.out_of_order++;
      else if (e.seq > w.last) {
        if (e.seq > w.last + 1) this.counts.gaps += e.seq - w.last - 1;
        w.last = e.seq;
      }
      // Otherwise the snapshot already covered it: it was in flight while the client subscribed.
      w.lastEvent = Math.max(w.lastEvent, e.seq);
    }
    if (FINAL.has(e.state) && name !== 'job:progress') this.end(e.job_id, w, e.state, false);
  }

  private end(jobId: string, w: Watch, state: string, bySnapshot: boolean): void {
    if (w.final) return;
    w.final = state;
    w.finalBySnapshot = bySnapshot;
    this.onFinal(jobId, state, bySnapshot);
  }

  /** Jobs whose final state this client has not seen yet. */
  unfinished(): string[] {
    return [...this.jobs].filter(([, w]) => !w.final).map(([id]) => id);
  }

  /** Asks again for the snapshot of every job still open here (a real client does so when idle). */
  async catchUp(): Promise<number> {
    const open = this.unfinished();
    for (const id of open) {
      this.jobs.get(id)!.subscribed = false;
      await this.subscribe(id);
    }
    return open.length;
  }

  finalsBySnapshot(): number {
    return [...this.jobs.values()].filter((w) => w.finalBySnapshot).length;
  }

  close(): void {
    this.socket.close();
  }
}
