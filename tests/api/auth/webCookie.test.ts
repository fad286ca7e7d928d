// The web app's session: with the client header, register, login and refresh put the refresh
// token in an HttpOnly, SameSite=Strict cookie scoped to /api/auth and leave it out of the body;
// spending the cookie needs the header and, when the browser names one, our origin. API clients
// without the header keep the bearer flow.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { bearer, PASSWORD, randomIp, uniqueName, useServices } from './helpers.ts';

const ctx = useServices();
const WEB: [string, string] = ['X-Playforge-Client', 'web'];

function cookieOf(res: request.Response): { value: string; attributes: string } {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('playforge_refresh='));
  if (!header) throw new Error('no refresh cookie was set');
  const [pair, ...attributes] = header.split(';');
  return { value: pair!.slice('playforge_refresh='.length), attributes: attributes.join(';') };
}

async function registerWeb() {
  const username = uniqueName('web');
  const res = await request(ctx.app).post('/api/auth/register').set(...WEB).set('X-Forwarded-For', randomIp())
    .send({ username, email: `${username}@example.com`, password: PASSWORD }).expect(201);
  return { res, username, cookie: cookieOf(res) };
}

const refreshWithCookie = (value: string) =>
  request(ctx.app).post('/api/auth/refresh').set('Cookie', `playforge_refresh=${value}`);

describe('the web app refresh cookie', () => {
  it('register sets an HttpOnly, SameSite=Strict cookie on /api/auth; the body has no refresh token', async () => {
    const { res, cookie } = await registerWeb();
    expect(res.body.refresh_token).toBeNull();
    expect(res.body.access_token).toEqual(expect.any(String));
    expect(cookie.value.length).toBeGreaterThan(20);
    expect(cookie.attributes).toMatch(/HttpOnly/i);
    expect(cookie.attributes).toMatch(/SameSite=Strict/i);
    expect(cookie.attributes).toMatch(/Path=\/api\/auth(;|$)/);
    expect(cookie.attributes).toMatch(/Max-Age=\d+/);
  });

  it('login with the header does the same; without it the bearer flow is unchanged', async () => {
    const { username } = await registerWeb();
    const web = await request(ctx.app).post('/api/auth/login').set(...WEB).set('X-Forwarded-For', randomIp())
      .send({ login: username, password: PASSWORD }).expect(200);
    expect(web.body.refresh_token).toBeNull();
    expect(cookieOf(web).value.length).toBeGreaterThan(20);
    const api = await request(ctx.app).post('/api/auth/login').set('X-Forwarded-For', randomIp())
      .send({ login: username, password: PASSWORD }).expect(200);
    expect(api.body.refresh_token).toEqual(expect.any(String));
    expect(api.headers['set-cookie']).toBeUndefined();
  });

  it('refresh spends the cookie (header and same origin) and rotates it; the old one is then refused', async () => {
    const { cookie } = await registerWeb();
    const res = await refreshWithCookie(cookie.value).set(...WEB).set('Sec-Fetch-Site', 'same-origin').send({})
      .expect(200);
    const next = cookieOf(res);
    expect(next.value).not.toBe(cookie.value);
    expect(res.body.refresh_token).toBeNull();
    await request(ctx.app).get('/api/users/profile').set(...bearer(res.body.access_token)).expect(200);
    const reused = await refreshWithCookie(cookie.value).set(...WEB).send({}).expect(401);
    expect(reused.body.error_code).toBe('refresh_token_reused');
    // The dead cookie is cleared.
    expect(String(reused.headers['set-cookie'])).toMatch(/playforge_refresh=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('403 csrf_refused without the header, from another origin, or cross-site', async () => {
    const { cookie } = await registerWeb();
    const refused = [
      refreshWithCookie(cookie.value).send({}),
      refreshWithCookie(cookie.value).set(...WEB).set('Origin', 'https://evil.example').send({}),
      refreshWithCookie(cookie.value).set(...WEB).set('Sec-Fetch-Site', 'cross-site').send({}),
    ];
    for (const res of await Promise.all(refused)) {
      expect(res.status).toBe(403);
      expect(res.body.error_code).toBe('csrf_refused');
    }
    // The cookie was not spent by any of them.
    await refreshWithCookie(cookie.value).set(...WEB).set('Origin', ctx.s.cfg.publicUrl).send({}).expect(200);
  });

  it('400 with neither a body token nor a cookie', async () => {
    const res = await request(ctx.app).post('/api/auth/refresh').set(...WEB).send({}).expect(400);
    expect(res.body.error_code).toBe('validation_error');
  });

  it('logout ends the cookie\'s session and clears the cookie', async () => {
    const { res, cookie } = await registerWeb();
    const out = await request(ctx.app).post('/api/auth/logout').set(...bearer(res.body.access_token)).set(...WEB)
      .set('Cookie', `playforge_refresh=${cookie.value}`).send({}).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/playforge_refresh=;.*Expires=Thu, 01 Jan 1970/);
    expect((await refreshWithCookie(cookie.value).set(...WEB).send({}).expect(401)).body.error_code)
      .toMatch(/refresh_token/);
  });
});
