// The job's progress as the player sees it: a bar, the current step in words, and each step
// with its provider as it happens. The tab remembers its latest job (its id only), so after a
// reload the game's page shows that job again from its snapshot, running or ended.
import { h, show } from './dom.ts';
import { jobOutcome } from './errors.ts';
import { followJob, TERMINAL, type JobEvent } from './live.ts';

const LATEST_KEY = 'playforge:latest-job';

export interface LatestJob {
  jobId: string;
  gameId: string;
  ended?: boolean;
}

export function rememberJob(job: LatestJob): void {
  sessionStorage.setItem(LATEST_KEY, JSON.stringify(job));
}

export function latestJob(): LatestJob | null {
  try {
    const job = JSON.parse(sessionStorage.getItem(LATEST_KEY) ?? 'null') as LatestJob | null;
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

/** Shows a job in `box` until it ends; `done` gets the last event of a job seen running here. */
function showProgress(box: HTMLElement, job: LatestJob, done: (last: JobEvent) => void): void {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Progress' });
  const now = h('p', { class: 'progress-now', role: 'status' }, 'Starting…');
  const steps = h('ol', { class: 'progress-steps' });
  const outcome = h('p', { class: 'progress-outcome' });
  box.hidden = false;
  box.dataset.job = job.jobId;
  box.dataset.state = 'running';
  show(box, h('h3', {}, 'Progress'), bar, now, steps, outcome);
  let sawRunning = false;
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
    if (!TERMINAL.has(e.state)) sawRunning = true;
    else {
      rememberJob({ ...job, ended: true });
      if (sawRunning) done(e);
    }
  });
}

// One box per game for the page's lifetime: re-rendering the game's page (when its job ends)
// keeps the story of the job that just finished in view.
const boxes = new Map<string, HTMLElement>();

/** Where a render of the game's page puts the box. The box moves in when the slot joins the
 *  page, not when the render builds its tree: a render overtaken by a newer one (the job ended
 *  as the player clicked) is dropped, and must not take the box off the page with it. */
class ProgressSlot extends HTMLElement {
  box?: HTMLElement;
  connectedCallback(): void {
    if (this.box && this.box.parentNode !== this) this.replaceChildren(this.box);
  }
}
if (!customElements.get('pf-progress')) customElements.define('pf-progress', ProgressSlot);

/** The game's progress box: following the tab's latest job when it is this game's. */
export function progressBox(gameId: string, done: (last: JobEvent) => void): HTMLElement {
  const latest = latestJob();
  let box = boxes.get(gameId);
  if (latest?.gameId === gameId && box?.dataset.job !== latest.jobId) {
    box = h('section', { testid: 'job-progress', class: 'card progress', 'aria-live': 'polite' });
    boxes.set(gameId, box);
    showProgress(box, latest, done);
  }
  if (!box) return h('section', { testid: 'job-progress', class: 'card progress', hidden: true });
  const slot = document.createElement('pf-progress') as ProgressSlot;
  slot.box = box;
  return slot;
}
