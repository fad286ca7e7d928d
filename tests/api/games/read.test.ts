// GET /api/games/:game_id (seed §9) and /versions: the seed's shape, and who sees what —
// private games only for the owner and staff (404 for anyone else), public games for anyone
// but only their playable (not_required / approved) versions.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createUser } from '../../helpers/users.ts';
import { makeGame } from './fixtures.ts';

let s: Services;
let app: Express;
type U = Awaited<ReturnType<typeof createUser>>;
let owner: U;
let stranger: U;
let moderator: U;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  [owner, stranger, moderator] = await Promise.all([createUser(s), createUser(s), createUser(s, 'moderator')]);
});
afterAll(async () => s?.close());

const bearer = (u: U) => `Bearer ${u.token}`;
const numbers = (list: unknown) => (list as { version: number }[]).map((v) => v.version);
const mixedHistory = [
  { summary: 'Initial game creation' },
  {
    summary: 'Player color and jump modifications',
    changes: [
      { name: 'player_color', type: 'color_change', from: '#3498db', to: '#e74c3c' },
      { name: 'jump_strength', type: 'physics_adjustment', from: 420, to: 520 },
    ],
  },
  { review: 'pending' as const, summary: 'waiting for a moderator' },
  { review: 'rejected' as const, summary: 'refused by a moderator' },
];

describe('GET /api/games/:game_id', () => {
  it('answers the owner with the seed shape, history and rollback options', async () => {
    const game = await makeGame(s, owner.user.id, { versions: mixedHistory });
    const res = await request(app).get(`/api/games/${game.id}?version=2&include_history=true&format=complete`)
      .set('Authorization', bearer(owner)).expect(200);
    expect(res.body).toMatchObject({
      game_id: game.id, session_id: null, current_version: 2, requested_version: 2,
      game_code: expect.stringMatching(/^<!DOCTYPE html>/),
      metadata: {
        title: 'Sky Hopper', game_type: 'platformer', engine: 'canvas2d', created_at: expect.any(String),
        last_modified: expect.any(String),
        total_modifications: 3, creator_username: owner.user.username, is_public: false, status: 'active',
      },
      rollback_options: {
        can_rollback: true, available_versions: [1, 2], rollback_url: `/api/games/${game.id}/rollback`,
      },
    });
    expect(numbers(res.body.version_history)).toEqual([1, 2, 3, 4]);
    expect(res.body.version_history[0]).toEqual({
      version: 1, created_at: expect.any(String), description: 'Initial game creation', changes: [],
      change_details: [], thumbnail_url: `/api/games/${game.id}/versions/1/thumbnail`, size: expect.any(Number),
      review_status: 'not_required', verdict: 'pass', provider: 'offline', is_current: false,
    });
    // The offline engine's change records read like the seed's labels, and in detail for comparing versions.
    expect(res.body.version_history[1].changes).toEqual(['player_color_change', 'jump_physics_adjustment']);
    expect(res.body.version_history[1].change_details).toEqual([
      { what: 'player_color', from: '#3498db', to: '#e74c3c' }, { what: 'jump_strength', from: '420', to: '520' },
    ]);
    expect(res.headers.vary).toMatch(/Authorization/);
    // The owner may look at a version still waiting for review.
    const pending = await request(app).get(`/api/games/${game.id}?version=3`).set('Authorization', bearer(owner))
      .expect(200);
    expect(pending.body.metadata.review_status).toBe('pending');
  });

  it('hides a private game from everyone but the owner and staff', async () => {
    const game = await makeGame(s, owner.user.id);
    await request(app).get(`/api/games/${game.id}`).expect(404);
    const other = await request(app).get(`/api/games/${game.id}`).set('Authorization', bearer(stranger)).expect(404);
    expect(other.body).toMatchObject({ error_code: 'not_found', context: { game_id: game.id } });
    await request(app).get(`/api/games/${game.id}/versions`).set('Authorization', bearer(stranger)).expect(404);
    const staff = await request(app).get(`/api/games/${game.id}`).set('Authorization', bearer(moderator)).expect(200);
    // A moderator may look, not roll back.
    expect(staff.body.rollback_options).toMatchObject({ can_rollback: false, available_versions: [] });
  });

  it('shows a public game to anyone, without token, but only playable versions', async () => {
    const game = await makeGame(
      s, owner.user.id,
      { isPublic: true, versions: [...mixedHistory, { review: 'approved' as const, summary: 'approved later' }] },
    );
    const res = await request(app).get(`/api/games/${game.id}?include_history=1`).expect(200);
    expect(res.body).toMatchObject({
      current_version: 5, requested_version: 5, session_id: null,
      rollback_options: { can_rollback: false, available_versions: [] },
    });
    expect(numbers(res.body.version_history)).toEqual([1, 2, 5]);
    expect(res.body.metadata.total_modifications).toBe(2);
    for (const hidden of [3, 4]) {
      await request(app).get(`/api/games/${game.id}?version=${hidden}`).expect(404);
      await request(app).get(`/api/games/${game.id}?version=${hidden}`).set('Authorization', bearer(stranger))
        .expect(404);
      await request(app).get(`/api/games/${game.id}?version=${hidden}`).set('Authorization', bearer(moderator))
        .expect(200);
    }
    const list = await request(app).get(`/api/games/${game.id}/versions`).expect(200);
    expect(list.body)
      .toMatchObject({ game_id: game.id, current_version: 5, total: 3, page: 1, per_page: 20, total_pages: 1 });
    const mine = await request(app).get(`/api/games/${game.id}/versions`).set('Authorization', bearer(owner))
      .expect(200);
    expect(mine.body.total).toBe(5);
  });

  it('falls back to the newest playable version when the current one is not playable for the public', async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: true, versions: [{}, {}] });
    // A moderator rejects the current version after the fact.
    await s.db.models.GameVersion.update({ reviewStatus: 'rejected' }, { where: { gameId: game.id, version: 2 } });
    const res = await request(app).get(`/api/games/${game.id}`).expect(200);
    expect(res.body).toMatchObject({ current_version: 1, requested_version: 1 });
    // Blocked content stays hidden even when approved (/play never serves it either).
    await s.db.models.GameVersion.update(
      { reviewStatus: 'approved', verdict: 'block' }, { where: { gameId: game.id, version: 2 } },
    );
    await request(app).get(`/api/games/${game.id}?version=2`).expect(404);
    await request(app).get(`/api/games/${game.id}?version=2`).set('Authorization', bearer(owner)).expect(200);
  });

  it('leaves the code out with format=summary and the history out unless asked', async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    const res = await request(app).get(`/api/games/${game.id}?format=summary`).expect(200);
    expect(res.body.game_code).toBeNull();
    expect(res.body).not.toHaveProperty('version_history');
    expect(res.body.metadata.code_size).toBeGreaterThan(0);
  });

  it('never leaks the owner\'s email, id or password hash', async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    const res = await request(app).get(`/api/games/${game.id}?include_history=true`).expect(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(owner.user.email);
    expect(text).not.toContain(owner.user.id);
    expect(text).not.toContain(owner.user.passwordHash);
    expect(text).not.toMatch(/password|email|owner_id/i);
  });

  it('answers a draft game (no version yet) to its owner with no code', async () => {
    const game = await makeGame(s, owner.user.id, { versions: [] });
    const res = await request(app).get(`/api/games/${game.id}?include_history=true`).set('Authorization', bearer(owner))
      .expect(200);
    expect(res.body).toMatchObject({
      current_version: null, requested_version: null, game_code: null, version_history: [],
      metadata: { status: 'draft' },
    });
  });

  it('treats a deleted game as gone, even for its owner (staff still see it)', async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: true, status: 'deleted' });
    await request(app).get(`/api/games/${game.id}`).set('Authorization', bearer(owner)).expect(404);
    await request(app).get(`/api/games/${game.id}`).expect(404);
    await request(app).get(`/api/games/${game.id}`).set('Authorization', bearer(moderator)).expect(200);
  });

  it('400 for a malformed id or query, 404 for an unknown game or version, 401 for a bad token', async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    const bad = await request(app).get('/api/games/not-a-uuid').expect(400);
    expect(bad.body).toMatchObject({ error_code: 'validation_error', context: { field: 'game_id' } });
    for (const q of ['version=abc', 'version=0', 'format=xml', 'include_history=maybe', 'colour=red']) {
      await request(app).get(`/api/games/${game.id}?${q}`).expect(400);
    }
    await request(app).get('/api/games/00000000-0000-4000-8000-000000000000').expect(404);
    const missing = await request(app).get(`/api/games/${game.id}?version=9`).expect(404);
    expect(missing.body).toMatchObject({ error_code: 'not_found', context: { version: 9 } });
    // A token that is sent must be valid: no silent fall-back to the anonymous view.
    await request(app).get(`/api/games/${game.id}`).set('Authorization', 'Bearer not-a-real-token-at-all').expect(401);
  });
});

describe('GET /api/games/:game_id/versions', () => {
  it('pages through summaries without the code', async () => {
    const game = await makeGame(s, owner.user.id, { versions: [{}, {}, {}, {}, {}] });
    const res = await request(app).get(`/api/games/${game.id}/versions?page=2&per_page=2`)
      .set('Authorization', bearer(owner)).expect(200);
    expect(res.body)
      .toMatchObject({ game_id: game.id, current_version: 5, total: 5, page: 2, per_page: 2, total_pages: 3 });
    expect(numbers(res.body.versions)).toEqual([3, 4]);
    expect(res.body.versions[0]).not.toHaveProperty('game_code');
    expect(res.body.versions[0]).not.toHaveProperty('content');
    await request(app).get(`/api/games/${game.id}/versions?per_page=500`).set('Authorization', bearer(owner))
      .expect(400);
  });
});
