// npm run generate -- "<description>" [--template <id>] [--api <url>] [--timeout <s>]
// npm run generate -- --modify <game_id> "<change>" [--api <url>]
// A real client of a running API (HTTP + Socket.IO, nothing imported from the server): signs
// in, starts the job, draws its progress from `job:progress` events, saves the game to
// ./out/<game_id>-v<N>.html and prints the play, admin and Temporal UI links.
// Exit codes: 0 ok, 1 job failed/rejected (or the API refused), 2 usage, 3 API unreachable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Api, signIn, str } from './generate/api.ts';
import { CliError, parseArgs, type Options } from './generate/args.ts';
import { followJob, progressView } from './generate/progress.ts';

const root = resolve(import.meta.dirname, '..');

async function startJob(api: Api, o: Options): Promise<{ jobId: string; gameId: string }> {
  const key = { 'Idempotency-Key': `cli-${randomBytes(12).toString('hex')}` };
  if (!o.modify) {
    // A session of its own, so that `--modify` can later talk to this game through chat.
    const session = await api.raw('POST', '/api/sessions/', {
      body: { client_info: { device_type: 'cli' } }, auth: true,
    });
    const sessionId = session.status === 201 ? (session.body.session_id as string) : undefined;
    const body = await api.call('POST', '/api/games/generate', {
      description: o.text,
      ...(sessionId ? { session_id: sessionId } : {}),
      ...(o.template ? { template_id: o.template } : {}),
    }, key);
    return { jobId: body.job_id as string, gameId: body.game_id as string };
  }
  const game = await api.call('GET', `/api/games/${o.modify}?format=summary`);
  const sessionId = game.session_id as string | null;
  const session = sessionId ? await api.raw('GET', `/api/sessions/${sessionId}`, { auth: true }) : undefined;
  const current = (session?.body.current_game as { game_id?: string } | null | undefined)?.game_id;
  // Chat changes the session's current game: only when that is this game, else regenerate it.
  if (sessionId && session?.status === 200 && current === o.modify && session.body.status !== 'expired') {
    const body = await api.call('POST', '/api/chat/message', { message: o.text, session_id: sessionId }, key);
    return { jobId: body.job_id as string, gameId: body.game_id as string };
  }
  const body = await api.call('POST', `/api/games/${o.modify}/regenerate`, {
    modifications: { change_request: o.text.slice(0, 200) }, regeneration_reason: 'cli --modify',
  }, key);
  return { jobId: body.job_id as string, gameId: (body.game_id as string | undefined) ?? o.modify };
}

function temporalLink(jobId: string): string {
  const ui = (process.env.TEMPORAL_UI_URL ?? 'http://localhost:8233').replace(/\/+$/, '');
  return `${ui}/namespaces/${process.env.TEMPORAL_NAMESPACE ?? 'playforge'}/workflows/job-${jobId}`;
}

async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
  const out = process.stdout;
  const api = new Api(o.api, signIn);
  api.token = await signIn(api);
  const { jobId, gameId } = await startJob(api, o);
  const temporal = temporalLink(jobId);
  out.write(`job ${jobId} (game ${gameId})\n`);
  const view = progressView(out);
  const final = await followJob(api, jobId, o.timeoutMs, (e) => view.show(e)).finally(() => view.end());
  if (final.state !== 'completed') {
    const code = final.error_code ? ` (${final.error_code})` : '';
    out.write(`job ${final.state}${code}: ${final.detail ?? final.message}\n  Temporal UI  ${temporal}\n`);
    return 1;
  }
  const version = final.version ?? ((await api.call('GET', `/api/jobs/${jobId}`)).version as number | undefined);
  if (!version) throw new CliError(1, 'the job completed without naming its version');
  const play = await api.call('GET', `/play/${gameId}/${version}/token`);
  // The code comes from the API: the play document renders only inside the play page's frame.
  const detail = await api.call('GET', `/api/games/${gameId}?version=${version}`);
  const code = detail.game_code;
  if (typeof code !== 'string') throw new CliError(1, 'could not download the game: the API sent no code');
  mkdirSync('out', { recursive: true });
  const file = join('out', `${gameId}-v${version}.html`);
  writeFileSync(file, code);
  const isPublic = (await api.raw('HEAD', `/play/${gameId}/${version}`)).status === 200;
  out.write([
    `saved        ${relative(process.cwd(), resolve(file))} (${Buffer.byteLength(code)} bytes)`,
    isPublic
      ? `play         ${api.base}/play/${gameId}/${version}`
      : `play         ${api.base}${str(play.url)}  (private link, valid until ${str(play.expires_at)})`,
    `admin        ${api.base}/admin/resources/games/records/${gameId}/show`,
    `Temporal UI  ${temporal}`,
    '',
  ].join('\n'));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = e instanceof CliError ? e.code : 1;
}
// The socket's reconnection timers must not keep a finished run alive.
setTimeout(() => process.exit(), 100).unref();
