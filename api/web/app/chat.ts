// Change by chat: the conversation of the game's workspace session, a box to ask for a change
// (a new version, with live progress), and a reset that archives the conversation.
import { api } from './api.ts';
import { button, field, h, show, when } from './dom.ts';
import { plainError } from './errors.ts';
import { rememberJob } from './progress.ts';

interface Message {
  role: string;
  content: string;
  timestamp: string;
}

export interface ChatOptions {
  gameId: string;
  sessionId: string | null;
  version: number | null;
  /** A change was accepted: the page follows its job. */
  started: () => void;
}

async function history(sessionId: string): Promise<Message[]> {
  const page = await api<{ conversation_history: Message[] }>(
    'GET', `/api/chat/history/${sessionId}?format=summary&limit=50`,
  );
  return page.conversation_history;
}

export async function chatPanel(o: ChatOptions): Promise<HTMLElement> {
  const wrap = h('section', { class: 'card chat', 'aria-labelledby': 'chat-h' },
    h('h2', { id: 'chat-h' }, 'Ask for a change'));
  if (!o.sessionId) {
    wrap.append(h('p', {}, 'This game has no open workspace, so it cannot be changed by chat here.'));
    return wrap;
  }
  const sessionId = o.sessionId;
  const log = h('ol', { class: 'chat-log', 'aria-label': 'Conversation' });
  const fill = async () => {
    const messages = await history(sessionId).catch(() => []);
    show(log, messages.length
      ? messages.map((m) => h('li', { class: `msg ${m.role}` },
        h('span', { class: 'who' }, m.role === 'user' ? 'You' : 'Playforge'),
        h('p', {}, m.content), h('time', { datetime: m.timestamp }, when(m.timestamp))))
      : h('li', { class: 'msg empty' }, 'No messages yet. Ask for a change: “make it red”, “faster”, “more enemies”.'));
    // The newest message in view once the log is on the page.
    requestAnimationFrame(() => {
      log.scrollTop = log.scrollHeight;
    });
  };
  const input = h('textarea', { testid: 'change-input', rows: 2, maxlength: 5000, placeholder: 'make it red' });
  const submit = h('button', { type: 'submit', testid: 'change-submit', class: 'cta' }, 'Make the change');
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'chat-form' }, field('Your change', input), error, submit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const message = input.value.trim();
    if (!message) return show(error, 'Say what to change first.');
    submit.disabled = true;
    show(error, '');
    api<{ job_id: string }>('POST', '/api/chat/message', {
      message, session_id: sessionId, ...(o.version ? { context: { current_game_version: o.version } } : {}),
    }).then((job) => {
      input.value = '';
      rememberJob({ jobId: job.job_id, gameId: o.gameId });
      o.started();
    }).catch((err: unknown) => show(error, plainError(err))).finally(() => {
      submit.disabled = false;
    });
  });
  const reset = button('Reset conversation', () => {
    api('POST', '/api/chat/reset', { session_id: sessionId }).then(fill)
      .catch((err: unknown) => show(error, plainError(err)));
  }, { class: 'quiet' });
  await fill();
  wrap.append(log, form, reset);
  return wrap;
}
