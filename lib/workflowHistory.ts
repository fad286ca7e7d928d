// What a job's Temporal history says it ran: every activity, regular (scheduled on the task
// queue) or local (recorded as a marker by the worker that ran it), with its duration. Read by
// the pipeline benchmark and by tests that check which steps a run took.
import type { WorkflowHandle } from '@temporalio/client';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;

export interface ActivityStep {
  type: string;
  local: boolean;
  /** Scheduled → completed, for regular activities that completed. A local one's marker carries times of two
   *  different clocks (seen: completion before schedule), so it has none. */
  ms: number | undefined;
}

const LOCAL_MARKER = 'core_local_activity';

export function millis(t: Timestamp): number | undefined {
  if (!t || t.seconds === undefined || t.seconds === null) return undefined;
  return Number(t.seconds) * 1000 + (t.nanos ?? 0) / 1e6;
}

type Payload = { data?: Uint8Array | string | null } | null | undefined;

/** A JSON payload's value (histories read back from JSON carry its bytes as base64 text). */
export function payloadJson(p: Payload): unknown {
  if (!p?.data) return undefined;
  try {
    const bytes = typeof p.data === 'string' ? Buffer.from(p.data, 'base64') : Buffer.from(p.data);
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The marker's JSON payload: the SDK's record of one local activity's last attempt. */
function localMarker(
  details: Record<string, { payloads?: Payload[] | null }> | null | undefined,
): { activity_type?: string } | undefined {
  return payloadJson(details?.data?.payloads?.[0]) as { activity_type?: string } | undefined;
}

export function activitySteps(history: History): ActivityStep[] {
  const steps: ActivityStep[] = [];
  const scheduled = new Map<string, { type: string; at: number | undefined; index: number }>();
  for (const e of history.events ?? []) {
    const at = millis(e.eventTime);
    const sched = e.activityTaskScheduledEventAttributes;
    if (sched) {
      scheduled.set(String(e.eventId), { type: sched.activityType?.name ?? '?', at, index: steps.length });
      steps.push({ type: sched.activityType?.name ?? '?', local: false, ms: undefined });
    }
    const done = e.activityTaskCompletedEventAttributes;
    const s = done ? scheduled.get(String(done.scheduledEventId)) : undefined;
    if (s && at !== undefined && s.at !== undefined) steps[s.index]!.ms = at - s.at;
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName === LOCAL_MARKER) {
      const m = localMarker(marker.details);
      steps.push({ type: m?.activity_type ?? '?', local: true, ms: undefined });
    }
  }
  return steps;
}
