// The template editor through the console API: new/edit create a NEW version (validated,
// scanned), publish refuses a blocked version with its findings, moderators only read.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { createApp } from '../../api/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { consoleCookie, consolePost } from '../helpers/console.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { createUser } from '../helpers/users.ts';

// Console writes must be marked same-origin (admin/gate.ts), as a browser marks them.
const post = (url: string) => consolePost(app, url);

let s: Services;
let app: ReturnType<typeof createApp>;
let adminCookie: string;
let modCookie: string;
let adminId: string;
const tplId = `adm_tpl_${randomBytes(4).toString('hex')}`;
const code = readFileSync(new URL('../../templates/basic_puzzle/game.html', import.meta.url), 'utf8');
const specFile = new URL('../../templates/basic_puzzle/template.json', import.meta.url);
const spec = JSON.parse(readFileSync(specFile, 'utf8')) as { variables: Record<string, unknown> };
// Into the game's own script (the last one; the first block is the JSON config).
const cut = code.lastIndexOf('</script>');
const hostile = `${code.slice(0, cut)}fetch('http://127.0.0.1/x');\neval('1 + 1');\n${code.slice(cut)}`;


const api = (path: string) => `/admin/api/resources/templates${path}`;
const versions = () =>
  s.db.models.TemplateVersion.findAll({ where: { templateId: tplId }, order: [['version', 'ASC']] });
const audits = (action: string) => s.db.models.AuditLog.findAll({ where: { targetId: tplId, action } });

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s, { admin: true })).app;
  const admin = await createUser(s, 'admin');
  const mod = await createUser(s, 'moderator');
  adminId = admin.user.id;
  await s.redis.del('auth:login:fail:ip:::ffff:127.0.0.1', 'auth:login:fail:ip:127.0.0.1', 'auth:login:fail:ip:::1');
  adminCookie = await consoleCookie(app, admin.user.email);
  modCookie = await consoleCookie(app, mod.user.email);
}, 60_000);
afterAll(async () => s.close());

describe('console template editor', () => {
  it('creates a template with its first version, scanned, and publishes it', async () => {
    const res = await post(api('/actions/new')).set('Cookie', adminCookie).type('form').send({
      id: tplId, name: 'Console puzzle', description: 'made in the console', category: 'puzzle', difficulty: 'beginner',
      engine: 'canvas2d',
      code, variables: JSON.stringify(spec.variables),
    }).expect(200);
    expect(res.body.record.errors ?? {}).toEqual({});
    const [v1, ...rest] = await versions();
    expect(rest).toHaveLength(0);
    expect(v1!.version).toBe(1);
    expect(v1!.createdBy).toBe(adminId);
    expect(v1!.verdict).not.toBe('block');
    expect(v1!.scanReport).toMatchObject({ scanned: 'validate+static' });
    expect(v1!.variables).toEqual(spec.variables);
    const tpl = await s.db.models.Template.findByPk(tplId);
    expect(tpl!.status).toBe('draft');

    const pub = await post(api(`/records/${tplId}/publish`)).set('Cookie', adminCookie).expect(200);
    expect(pub.body.notice.type).toBe('success');
    await tpl!.reload();
    expect(tpl!.status).toBe('published');
    expect(tpl!.currentVersion).toBe(1);

    const show = await request(app).get(api(`/records/${tplId}/show`)).set('Cookie', modCookie).expect(200);
    expect(show.body.record.params.latestVersion).toBe(1);
    const audit = await s.db.models.AuditLog.findAll({
      where: { targetType: 'template', targetId: tplId, actorId: adminId },
    });
    expect(audit.map((a) => a.action).sort())
      .toEqual(['template.create', 'template.publish', 'template.version_created']);
    expect((await audits('template.create'))[0]!.details).toEqual({ version: 1 });
  });

  it('saves hostile code as a new blocked version and refuses to publish it, showing the finding', async () => {
    const before = await versions();
    const res = await post(api(`/records/${tplId}/edit`)).set('Cookie', adminCookie).type('form').send({
      name: 'Console puzzle', code: hostile, variables: JSON.stringify(spec.variables),
    }).expect(200);
    expect(res.body.notice.type).toBe('error');
    expect(res.body.notice.message).toMatch(/verdict block/);
    const after = await versions();
    expect(after).toHaveLength(2);
    // The old version is untouched.
    expect(after[0]!.code).toBe(before[0]!.code);
    expect(after[0]!.codeHash).toBe(before[0]!.codeHash);
    const v2 = after[1]!;
    expect(v2.version).toBe(2);
    expect(v2.createdBy).toBe(adminId);
    expect(v2.verdict).toBe('block');
    const edits = await audits('template.edit');
    expect(edits.map((e) => [e.actorId, e.details])).toEqual([[adminId, { fields: ['name'], version: 2 }]]);
    const { findings } = v2.scanReport as { findings: { rule: string; severity: string }[] };
    const blocking = findings.filter((f) => f.severity === 'block');
    expect(blocking.length).toBeGreaterThan(0);
    expect(blocking.map((f) => f.rule).join(' ')).not.toMatch(/invalid-json/);

    const pub = await post(api(`/records/${tplId}/publish`)).set('Cookie', adminCookie).expect(200);
    expect(pub.body.notice.type).toBe('error');
    expect(pub.body.notice.message).toMatch(/Publish refused/);
    expect(pub.body.notice.message).toContain(blocking[0]!.rule);
    const tpl = await s.db.models.Template.findByPk(tplId);
    expect(tpl!.currentVersion).toBe(1);
    expect(tpl!.status).toBe('published');
    expect(await audits('template.publish_refused')).toHaveLength(1);
  });

  it('refuses invalid variables (bad JSON, bad spec) and saves nothing', async () => {
    const n = (await versions()).length;
    const invalid = [
      '{not json',
      JSON.stringify({ speed: { type: 'number', default: 99, range: [0, 10] } }),
      JSON.stringify({ Bad: { type: 'boolean', default: true } }),
      '[1,2]',
    ];
    for (const variables of invalid) {
      const res = await post(api(`/records/${tplId}/edit`)).set('Cookie', adminCookie).type('form')
        .send({ name: 'Renamed', code, variables }).expect(200);
      expect(res.body.notice.type).toBe('error');
      expect(res.body.record.errors.variables.message).toBeTruthy();
    }
    expect((await versions()).length).toBe(n);
    expect((await s.db.models.Template.findByPk(tplId))!.name).toBe('Console puzzle');
  });

  it('lets moderators read but not create, edit, publish or archive', async () => {
    const list = await request(app).get(api('/actions/list')).set('Cookie', modCookie).expect(200);
    expect(list.body.records.length).toBeGreaterThan(0);
    const n = (await versions()).length;
    const edit = await post(api(`/records/${tplId}/edit`)).set('Cookie', modCookie).type('form')
      .send({ name: 'Mod edit', code, variables: '{}' });
    expect(edit.body.record.baseError?.type ?? edit.body.notice?.type).toMatch(/Forbidden|error/);
    const created = await post(api('/actions/new')).set('Cookie', modCookie).type('form')
      .send({ id: `${tplId}_m`, name: 'x', code, variables: '{}' });
    expect(created.body.notice?.type).toBe('error');
    for (const action of ['publish', 'archive']) {
      const res = await post(api(`/records/${tplId}/${action}`)).set('Cookie', modCookie);
      expect(res.body.notice?.type).toBe('error');
    }
    expect((await versions()).length).toBe(n);
    expect(await s.db.models.Template.findByPk(`${tplId}_m`)).toBeNull();
    const tpl = await s.db.models.Template.findByPk(tplId);
    expect(tpl!.name).toBe('Console puzzle');
    expect(tpl!.status).toBe('published');
  });

  it('archives (admin) with an audit row; the published version stays for old games', async () => {
    const res = await post(api(`/records/${tplId}/archive`)).set('Cookie', adminCookie).expect(200);
    expect(res.body.notice.type).toBe('success');
    const tpl = await s.db.models.Template.findByPk(tplId);
    expect(tpl!.status).toBe('archived');
    expect(tpl!.currentVersion).toBe(1);
    expect((await audits('template.archive')).map((a) => a.actorId)).toEqual([adminId]);
  });
});
