// What the socket benchmark and its client processes say to each other over IPC, and the
// clock both read (the send time travels in each event).

export type ToChild =
  | { type: 'connect'; base: string; token: string; rooms: string[] }
  | { type: 'flush'; round: number }
  | { type: 'close' };

export type FromChild =
  | { type: 'ready'; connected: number; failed: number }
  | { type: 'round'; round: number; values: number[] };

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const now = (): number => performance.timeOrigin + performance.now();
