// What the console gate holds (admin/gate.ts): a suspended or demoted account loses its console
// session on its next request; writes must name our origin; bodies are bounded and a stranger
// can leave nothing on disk.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { connectServices, type Services } from '../helpers/services.ts';
import { listenTestApp } from '../helpers/app.ts';
import { createUser, TEST_PASSWORD } from '../helpers/users.ts';

let s: Services;
let api: Awaited<ReturnType<typeof listenTestApp>>;
const TEMPLATE_LIST = '/admin/api/resources/templates/actions/list';
const USER_LIST = '/admin/api/resources/users/actions/list';

async function signIn(email: string): Promise<string> {
  const res = await request(api.app).post('/admin/login').set('Origin', s.cfg.publicUrl).type('form')
    .send({ email, password: TEST_PASSWORD });
  expect(res.status).toBe(302);
  return res.headers['set-cookie']![0]!;
}

const uploadsIn = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => f.startsWith('upload_'));
  } catch {
    return [];
  }
};

beforeAll(async () => {
  s = await connectServices();
  api = await listenTestApp(s, { admin: true });
  await s.redis.del('auth:login:fail:ip:::ffff:127.0.0.1', 'auth:login:fail:ip:127.0.0.1', 'auth:login:fail:ip:::1');
}, 60_000);
afterAll(async () => {
  await api?.close();
  await s?.close();
});

describe('console sessions follow the account', () => {
  it('a suspended moderator loses the console on the next request', async () => {
    const { user } = await createUser(s, 'moderator');
    const cookie = await signIn(user.email);
    await request(api.app).get(TEMPLATE_LIST).set('Cookie', cookie).expect(200);
    await user.update({ status: 'suspended' });
    const next = await request(api.app).get(TEMPLATE_LIST).set('Cookie', cookie);
    expect(next.status).toBe(302);
    expect(next.headers.location).toBe('/admin/login');
    // The session is gone from Redis, not just refused once.
    await user.update({ status: 'active' });
    expect((await request(api.app).get(TEMPLATE_LIST).set('Cookie', cookie)).status).toBe(302);
  });

  it('a moderator demoted to user loses the console; an admin demoted to moderator loses the users', async () => {
    const mod = await createUser(s, 'moderator');
    const modCookie = await signIn(mod.user.email);
    await mod.user.update({ role: 'user' });
    expect((await request(api.app).get(TEMPLATE_LIST).set('Cookie', modCookie)).status).toBe(302);

    const admin = await createUser(s, 'admin');
    const adminCookie = await signIn(admin.user.email);
    expect((await request(api.app).get(USER_LIST).set('Cookie', adminCookie).expect(200)).body.records.length)
      .toBeGreaterThan(0);
    await admin.user.update({ role: 'moderator' });
    const users = await request(api.app).get(USER_LIST).set('Cookie', adminCookie);
    expect(users.body.records).toEqual([]);
    expect(users.body.record.baseError.type).toBe('ForbiddenError');
    await request(api.app).get(TEMPLATE_LIST).set('Cookie', adminCookie).expect(200);
  });
});

describe('console writes and bodies', () => {
  it('refuses a write without Origin (and without Sec-Fetch-Site: same-origin), and a malformed Origin', async () => {
    const { user } = await createUser(s, 'moderator');
    const body = { email: user.email, password: TEST_PASSWORD };
    const bare = await request(api.app).post('/admin/login').type('form').send(body);
    expect(bare.status).toBe(403);
    expect(bare.body).toEqual({ detail: expect.any(String), error_code: 'csrf_refused', context: {} });
    for (const origin of ['not a url', 'http://', 'null']) {
      const res = await request(api.app).post('/admin/login').set('Origin', origin).type('form').send(body);
      expect(res.status).toBe(403);
      expect(res.body.error_code).toBe('csrf_refused');
    }
    const site = await request(api.app).post('/admin/login').set('Sec-Fetch-Site', 'same-site').type('form')
      .send(body);
    expect(site.status).toBe(403);
    // What a browser sends on our own form passes.
    const ok = await request(api.app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').type('form')
      .send(body);
    expect(ok.status).toBe(302);
  });

  it('a 3 MB multipart POST to /admin/login is refused and leaves no file behind', async () => {
    const dirs = [tmpdir(), join(tmpdir(), 'playforge-admin-uploads')];
    const before = dirs.map(uploadsIn);
    const boundary = 'x-boundary-1234';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nx@example.com\r\n`
        + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n`
        + 'Content-Type: application/octet-stream\r\n\r\n'),
      Buffer.alloc(3 * 1024 * 1024, 0x41),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${api.base}/admin/login`, {
        method: 'POST',
        headers: {
          Origin: s.cfg.publicUrl, 'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(payload.length),
        },
      }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(payload);
    });
    expect(status).toBe(413);
    await new Promise((r) => setTimeout(r, 300));
    expect(dirs.map(uploadsIn)).toEqual(before);
  });

  it('a small multipart POST before sign-in is refused too (415), and writes nothing', async () => {
    const before = uploadsIn(tmpdir());
    const res = await request(api.app).post('/admin/login').set('Origin', s.cfg.publicUrl)
      .field('email', 'x@example.com').attach('file', Buffer.alloc(10_000, 1), 'small.bin');
    expect(res.status).toBe(415);
    expect(res.body.error_code).toBe('unsupported_media_type');
    expect(uploadsIn(tmpdir())).toEqual(before);
  });

  it('a signed-in multipart action keeps its fields, while a file part never reaches the disk', async () => {
    const admin = await createUser(s, 'admin');
    const target = await createUser(s);
    const cookie = await signIn(admin.user.email);
    const dirs = [tmpdir(), join(tmpdir(), 'playforge-admin-uploads')];
    const before = dirs.map(uploadsIn);
    await request(api.app).post(`/admin/api/resources/users/records/${target.user.id}/changeRole`)
      .set('Cookie', cookie).set('Origin', s.cfg.publicUrl)
      .field('role', 'premium').attach('file', Buffer.alloc(50_000, 1), 'payload.bin').expect(200);
    await target.user.reload();
    expect(target.user.role).toBe('premium');
    expect(dirs.map(uploadsIn)).toEqual(before);
  });
});
