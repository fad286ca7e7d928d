// The generate CLI as a user runs it: a child process against a listening API and a real
// worker with the offline engine. It registers its own account once, follows the job on the
// socket, saves the game and prints the links; exit codes say what happened.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectServices, type Services } from '../helpers/services.ts';
import { listenTestApp } from '../helpers/app.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';

const root = join(import.meta.dirname, '..', '..');
let s: Services;
let worker: TestWorker;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let dir: string;

beforeAll(async () => {
  s = await connectServices();
  // Other suites sign in wrongly from 127.0.0.1 at the same time: this app's per-address limit is out of
  // their reach, so the refused sign-in below is the 401 it asserts, not their 429.
  const cfg = testConfig(s, { LLM_PROVIDERS: 'offline', LOGIN_MAX_FAILURES_PER_IP: '100000' });
  worker = await startTestWorker(s, cfg);
  api = await listenTestApp(s, { cfg });
  dir = mkdtempSync(join(tmpdir(), 'playforge-cli-'));
}, 60_000);

afterAll(async () => {
  await api?.close();
  await worker?.stop();
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const { PLAYFORGE_USER: _u, PLAYFORGE_PASSWORD: _p, ...base } = process.env;
  const node = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning'];
  const child = spawn(process.execPath, [...node, join(root, 'cli', 'generate.main.ts'), ...args], {
    cwd: dir,
    env: { ...base, PLAYFORGE_DATA_DIR: join(dir, 'data'), TEMPORAL_UI_URL: 'http://localhost:8999', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, out, err })));
}

describe('npm run generate', () => {
  let gameId = '';

  it('generates a game: progress lines, the saved file, and the play, admin and Temporal links', async () => {
    const r = await cli([
      'a blue platformer where the player jumps to a golden coin', '--template', 'basic_platformer', '--api', api.base,
    ]);
    expect([r.code, r.err]).toEqual([0, '']);
    gameId = /job [0-9a-f-]{36} \(game ([0-9a-f-]{36})\)/.exec(r.out)![1]!;
    expect(r.out).toMatch(/^\[ {0,2}\d+%\] generating/m);
    expect(r.out).toMatch(/^\[100%\] completed/m);
    const file = join(dir, 'out', `${gameId}-v1.html`);
    expect(r.out).toContain(`saved        out/${gameId}-v1.html`);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('<canvas');
    expect(html).toBe((await s.db.models.GameVersion.findOne({ where: { gameId, version: 1 } }))!.content);
    // Private by default: the play link carries a token, and the link works.
    const play = new RegExp(`^play {9}(${api.base}/play/${gameId}/1\\?t=\\S+)`, 'm').exec(r.out)![1]!;
    expect((await fetch(play)).status).toBe(200);
    expect(r.out).toContain(`admin        ${api.base}/admin/resources/games/records/${gameId}/show`);
    const temporal = `http://localhost:8999/namespaces/${worker.cfg.TEMPORAL_NAMESPACE}/workflows`;
    expect(r.out).toMatch(new RegExp(`^Temporal UI  ${temporal}/job-[0-9a-f-]{36}$`, 'm'));
    // The account it registered: username cli_<host>, password only in a 0600 file.
    const creds = join(dir, 'data', 'cli-credentials.json');
    expect(statSync(creds).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(creds, 'utf8'))[api.base];
    expect(saved.username).toMatch(/^cli_[a-z0-9_]+$/);
    expect(await s.db.models.User.count({ where: { username: saved.username } })).toBe(1);
  }, 120_000);

  it('changes that game with --modify, signing in with the saved account', async () => {
    const users = await s.db.models.User.count();
    const r = await cli(['--modify', gameId, 'make the player red', '--api', api.base]);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(await s.db.models.User.count()).toBe(users);
    expect(existsSync(join(dir, 'out', `${gameId}-v2.html`))).toBe(true);
    const job = await s.db.models.Job.findOne({ where: { gameId, kind: 'modify' } });
    expect(job?.state).toBe('completed');
  }, 120_000);

  it('exits 2 on usage errors, 3 when the API is unreachable, 1 when the API refuses', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['a game', '--api', 'ftp://x'])).code).toBe(2);
    expect((await cli(['--modify', 'not-a-uuid', 'red'])).code).toBe(2);
    const down = await cli(['a blue platformer', '--api', 'http://127.0.0.1:9']);
    expect(down.code).toBe(3);
    expect(down.err).toContain('unreachable');
    const refused = await cli(['a blue platformer', '--api', api.base], {
      PLAYFORGE_USER: 'nobody_here', PLAYFORGE_PASSWORD: 'Wrong-pass-1',
    });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('sign-in as nobody_here failed: 401');
  }, 60_000);
});
