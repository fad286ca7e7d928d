// The job's progress as the player sees it: a bar, the current step in words, and each step
// with its provider as it happens. A running job is remembered for this tab (its id only), so a
// reload shows the same job again from its snapshot.
import { h, show } from './dom.ts';
import { jobOutcome } from './errors.ts';
import { followJob, TERMINAL, type JobEvent } from './live.ts';

const RUNNING_KEY = 'playforge:running-job';

export interface RunningJob {
  jobId: string;
  gameId: string;
}

export function rememberJob(job: RunningJob | null): void {
  if (job) sessionStorage.setItem(RUNNING_KEY, JSON.stringify(job));
  else sessionStorage.removeItem(RUNNING_KEY);
}

export function runningJob(): RunningJob | null {
  try {
    const job = JSON.parse(sessionStorage.getItem(RUNNING_KEY) ?? 'null') as RunningJob | null;
    return job && typeof job.jobId === 'string' && typeof job.gameId === 'string' ? job : null;
  } catch {
    return null;
  }
}

const STEP_WORDS: Record<string, string> = {
  queued: 'Waiting to start', generating: 'Writing the game', validating: 'Checking the code',
  scanning: 'Scanning for safety', repairing: 'Fixing problems', awaiting_review: 'Waiting for a moderator',
  versioning: 'Saving the version', completed: 'Done', failed: 'Failed', rejected: 'Rejected', cancelled: 'Cancelled',
};

/** Shows a job in `box` until it ends; `done` gets the last event. */
function showProgress(box: HTMLElement, job: RunningJob, done: (last: JobEvent) => void): void {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Progress' });
  const now = h('p', { class: 'progress-now', role: 'status' }, 'Starting…');
  const steps = h('ol', { class: 'progress-steps' });
  const outcome = h('p', { class: 'progress-outcome' });
  box.hidden = false;
  box.dataset.job = job.jobId;
  box.dataset.state = 'running';
  show(box, h('h3', {}, 'Progress'), bar, now, steps, outcome);
  followJob(job.jobId, (e) => {
    bar.value = e.percent;
    box.dataset.state = e.state;
    const provider = e.provider ? ` · ${e.provider}${e.model ? ` (${e.model})` : ''}` : '';
    show(now, `${STEP_WORDS[e.state] ?? e.state} — ${e.percent}%${provider}`);
    steps.append(h('li', { class: `step-${e.status}` },
      `${e.step}: ${e.status}${provider} `, h('span', { class: 'step-msg' }, e.message)));
    const said = jobOutcome(e);
    show(outcome, said ?? '');
    outcome.className = `progress-outcome ${e.state === 'completed' || e.state === 'awaiting_review' ? 'ok' : 'bad'}`;
    if (TERMINAL.has(e.state)) {
      rememberJob(null);
      done(e);
    }
  });
}

// One box per game for the page's lifetime: re-rendering the game's page (when its job ends)
// keeps the story of the job that just finished in view.
const boxes = new Map<string, HTMLElement>();

/** The game's progress box: following its running job, if any, or showing the last one. */
export function progressBox(gameId: string, done: (last: JobEvent) => void): HTMLElement {
  const running = runningJob();
  let box = boxes.get(gameId);
  if (running?.gameId === gameId && box?.dataset.job !== running.jobId) {
    box = h('section', { testid: 'job-progress', class: 'card progress', 'aria-live': 'polite' });
    boxes.set(gameId, box);
    showProgress(box, running, done);
  }
  return box ?? h('section', { testid: 'job-progress', class: 'card progress', hidden: true });
}
