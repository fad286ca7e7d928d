// Feature flags through the API: GET /api/features for the caller, remix refused where the remix
// flag is off (per user, per game; admins always on), and a template in staged rollout
// (template.<id>) that only the users its flag is on for can list, read, fill and generate from.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../helpers/app.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { createUser } from '../helpers/users.ts';
import { flagFixtures } from '../helpers/flags.ts';
import { makeGame } from './games/fixtures.ts';
import { FLAGS, KNOWN_FLAGS, templateFlagKey } from '../../db/flags/known.ts';
import { seedKnownFlags } from '../../db/flags/store.ts';

let s: Services;
let app: Express;
const fixtures = flagFixtures(() => s);
type Player = Awaited<ReturnType<typeof createUser>>;
const as = (who: Player | undefined, req: request.Test) =>
  (who ? req.set('Authorization', `Bearer ${who.token}`) : req);

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  await seedKnownFlags(s.db);
});
afterEach(() => fixtures.cleanup());
afterAll(async () => s?.close());

describe('GET /api/features', () => {
  it('every defined flag for the caller, with what decided; admins see everything on; 401 anonymous', async () => {
    const [player, admin] = await Promise.all([createUser(s), createUser(s, 'admin')]);
    const key = await fixtures.newFlag(false);
    await fixtures.ruleOn(key, { scope: 'user', scopeId: player.user.id, enabled: true });
    const res = await as(player, request(app).get('/api/features')).expect(200);
    expect(res.body.environment).toBe('test');
    expect(res.body.features[key]).toEqual({ enabled: true, source: 'user' });
    for (const known of KNOWN_FLAGS) {
      expect(res.body.features[known.key]).toEqual({ enabled: known.defaultEnabled, source: 'default' });
    }
    const other = await as(await createUser(s), request(app).get('/api/features')).expect(200);
    expect(other.body.features[key]).toEqual({ enabled: false, source: 'default' });
    const staff = await as(admin, request(app).get('/api/features')).expect(200);
    expect(Object.values(staff.body.features)).toEqual(expect.arrayContaining([{ enabled: true, source: 'admin' }]));
    expect(Object.values(staff.body.features).every((d) => (d as { enabled: boolean }).enabled)).toBe(true);
    await request(app).get('/api/features').expect(401);
    await as(player, request(app).get('/api/features?template_id=NOT%20AN%20ID')).expect(400);
  });

  it('a template scope when asked about one', async () => {
    const player = await createUser(s);
    const key = await fixtures.newFlag(false);
    await fixtures.ruleOn(key, { scope: 'template', scopeId: 'pong', enabled: true });
    const pong = await as(player, request(app).get('/api/features?template_id=pong')).expect(200);
    expect(pong.body.features[key]).toEqual({ enabled: true, source: 'template' });
    const none = await as(player, request(app).get('/api/features')).expect(200);
    expect(none.body.features[key]).toEqual({ enabled: false, source: 'default' });
  });
});

describe('remix behind its flag', () => {
  it('off for one player: 403 feature_disabled for them, 201 for another; off for a game: off for it', async () => {
    const [owner, blocked, allowed, admin] = await Promise.all([
      createUser(s), createUser(s), createUser(s), createUser(s, 'admin'),
    ]);
    const game = await makeGame(s, owner.user.id, { isPublic: true, versions: [{}] });
    await fixtures.ruleOn(FLAGS.remix, { scope: 'user', scopeId: blocked.user.id, enabled: false });
    const refused = await as(blocked, request(app).post(`/api/games/${game.id}/remix`).send({})).expect(403);
    expect(refused.body).toMatchObject({ error_code: 'feature_disabled', context: { feature: 'remix' } });
    await as(allowed, request(app).post(`/api/games/${game.id}/remix`).send({})).expect(201);

    await fixtures.ruleOn(FLAGS.remix, { scope: 'game', scopeId: game.id, enabled: false });
    await as(allowed, request(app).post(`/api/games/${game.id}/remix`).send({})).expect(403);
    await as(admin, request(app).post(`/api/games/${game.id}/remix`).send({})).expect(201);
  });
});

describe('a template in staged rollout', () => {
  it('is listed, read, filled and generated from only by the users its flag is on for', async () => {
    const [tester, other] = await Promise.all([createUser(s), createUser(s)]);
    const key = await fixtures.newFlag(false, templateFlagKey('rhythm'));
    await fixtures.ruleOn(key, { scope: 'user', scopeId: tester.user.id, enabled: true });
    const ids = async (who?: Player) =>
      ((await as(who, request(app).get('/api/templates')).expect(200)).body.templates as { id: string }[])
        .map((t) => t.id);
    expect(await ids(tester)).toContain('rhythm');
    expect(await ids(other)).not.toContain('rhythm');
    expect(await ids()).not.toContain('rhythm');
    expect(await ids(other)).toContain('snake');

    await as(tester, request(app).get('/api/templates/rhythm')).expect(200);
    await as(other, request(app).get('/api/templates/rhythm')).expect(404);
    await request(app).get('/api/templates/rhythm').expect(404);
    await request(app).get('/api/templates').set('Authorization', 'Bearer not-a-token').expect(401);

    await as(other, request(app).post('/api/templates/process').send({ template_id: 'rhythm', variables: {} }))
      .expect(404);
    await as(tester, request(app).post('/api/templates/process').send({ template_id: 'rhythm', variables: {} }))
      .expect(200);
    const generate = (who: Player) => as(who, request(app).post('/api/games/generate'))
      .send({ description: 'a rhythm game with four lanes', template_id: 'rhythm' });
    const refused = await generate(other).expect(404);
    expect(refused.body.context).toMatchObject({ template_id: 'rhythm' });
    // Its genre (no other template has it) is neither offered to nor accepted from the others.
    const genres = async (who?: Player) =>
      (await as(who, request(app).get('/api/templates')).expect(200)).body.categories as string[];
    expect(await genres(tester)).toContain('rhythm');
    expect(await genres(other)).not.toContain('rhythm');
    expect(await genres()).not.toContain('rhythm');
    expect(await genres(other)).toContain('snake');
    const byGenre = (who: Player) => as(who, request(app).post('/api/games/generate'))
      .send({ description: 'a game with four lanes of notes', game_type: 'Rhythm' });
    const unknown = await byGenre(other).expect(400);
    expect(unknown.body).toMatchObject({ error_code: 'unknown_game_type' });
    expect(unknown.body.context.accepted).not.toContain('rhythm');
    await byGenre(tester).expect(202);

    // The flag turned on for everyone: the rollout is over.
    await fixtures.ruleOn(key, { scope: 'global', enabled: true });
    expect(await ids(other)).toContain('rhythm');
  });
});
