// Feature flags in the console: admins create flags and rules, edit and delete them; every write
// is audited and takes effect at once (the flag's cache entry is dropped); a rule whose scope id
// cannot name its scope is refused on the field; moderators may look, not change.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { randomBytes } from 'node:crypto';
import type { createApp } from '../../api/app.ts';
import type { User } from '../../db/models/index.ts';
import { buildTestApp } from '../helpers/app.ts';
import { consolePost, signedInStaff } from '../helpers/console.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { createUser } from '../helpers/users.ts';
import { createFeatureFlags } from '../../db/flags/store.ts';

const post = (url: string) => consolePost(app, url);

let s: Services;
let app: ReturnType<typeof createApp>;
let admin: User;
let player: User;
let adminCookie: string;
let modCookie: string;
const key = `test.console-${randomBytes(4).toString('hex')}`;

const flagsApi = (path: string) => `/admin/api/resources/feature_flags${path}`;
const rulesApi = (path: string) => `/admin/api/resources/feature_flag_rules${path}`;
const audits = (action: string) => s.db.models.AuditLog.count({ where: { action, targetId: key, actorId: admin.id } });
const decision = () => createFeatureFlags(s.db, s.redis)
  .decide([key], { environment: 'test', userId: player.id, role: 'user' }).then((d) => d[key]);

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s, { admin: true })).app;
  ({ admin, adminCookie, modCookie } = await signedInStaff(s, app));
  player = (await createUser(s, 'user')).user;
}, 60_000);
afterAll(async () => {
  await s.db.models.FeatureFlag.destroy({ where: { key } });
  await createFeatureFlags(s.db, s.redis).invalidate(key);
  await s.close();
});

describe('feature flags in the console', () => {
  it('an admin creates a flag and a rule, edits and deletes the rule: audited, in effect at once', async () => {
    await post(flagsApi('/actions/new')).set('Cookie', adminCookie).type('form')
      .send({ key, description: 'a console test flag', defaultEnabled: 'false' }).expect(200);
    expect(await audits('flag.created')).toBe(1);
    expect(await decision()).toEqual({ enabled: false, source: 'default' }); // now cached

    const made = await post(rulesApi('/actions/new')).set('Cookie', adminCookie).type('form')
      .send({ flagKey: key, scope: 'user', scopeId: player.id, role: '', environment: '', enabled: 'true' })
      .expect(200);
    const ruleId = String(made.body.record.params.id);
    expect(made.body.record.params).toMatchObject({ scope: 'user', scopeId: player.id, enabled: true });
    expect(await audits('flag_rule.created')).toBe(1);
    expect(await decision()).toEqual({ enabled: true, source: 'user' });

    await post(rulesApi(`/records/${ruleId}/edit`)).set('Cookie', adminCookie).type('form')
      .send({ enabled: 'false' }).expect(200);
    expect(await audits('flag_rule.updated')).toBe(1);
    expect(await decision()).toEqual({ enabled: false, source: 'user' });

    await post(rulesApi(`/records/${ruleId}/delete`)).set('Cookie', adminCookie).expect(200);
    expect(await audits('flag_rule.deleted')).toBe(1);
    expect(await s.db.models.FeatureFlagRule.count({ where: { flagKey: key } })).toBe(0);
    expect(await decision()).toEqual({ enabled: false, source: 'default' });

    // A global rule is stored without a scope id whatever the form said.
    const global = await post(rulesApi('/actions/new')).set('Cookie', adminCookie).type('form')
      .send({ flagKey: key, scope: 'global', scopeId: 'ignored', enabled: 'true' }).expect(200);
    expect(global.body.record.params).toMatchObject({ scope: 'global', scopeId: null });
    expect(await decision()).toEqual({ enabled: true, source: 'global' });
  });

  it('refuses a rule whose scope id does not name its scope, and stores nothing', async () => {
    const before = await s.db.models.FeatureFlagRule.count();
    const res = await post(rulesApi('/actions/new')).set('Cookie', adminCookie).type('form')
      .send({ flagKey: key, scope: 'user', scopeId: 'not-a-user', enabled: 'true' });
    expect(res.body.record.errors.scopeId.message).toMatch(/user id/);
    expect(await s.db.models.FeatureFlagRule.count()).toBe(before);
  });

  it('moderators see the flags and cannot change them', async () => {
    const list = await request(app).get(flagsApi('/actions/list')).query({ perPage: 500 })
      .set('Cookie', modCookie).expect(200);
    expect((list.body.records as { params: { key: string } }[]).map((r) => r.params.key)).toContain(key);
    const res = await post(rulesApi('/actions/new')).set('Cookie', modCookie).type('form')
      .send({ flagKey: key, scope: 'global', enabled: 'false' });
    // AdminJS answers a refused action with 200 and a ForbiddenError.
    expect(res.body.record.baseError.type).toBe('ForbiddenError');
    expect(await s.db.models.FeatureFlagRule.count({ where: { flagKey: key, enabled: false } })).toBe(0);
  });
});
