// JWT attacks against both token kinds: no algorithm, a wrong key, algorithm swaps, expired
// and tampered tokens, and each kind presented where the other is expected.
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { issueAccessToken, verifyAccessToken, verifyRefreshToken } from '../../../api/auth/tokens.ts';
import { b64, bearer, claimsOf, headerOf, refresh, register, useServices } from './helpers.ts';

const ctx = useServices();

const profile = (token: string) => request(ctx.app).get('/api/users/profile').set(...bearer(token));

/** A token with any header and payload, signed with HMAC-SHA256 over `key` (or unsigned). */
function craft(header: object, payload: object, key?: string | Buffer, hash = 'sha256'): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return key === undefined ? `${input}.` : `${input}.${createHmac(hash, key).update(input).digest('base64url')}`;
}

async function accessPayload() {
  const u = await register(ctx.app);
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: u.id, role: 'admin', typ: 'access', iss: ctx.s.cfg.JWT_ISSUER, aud: ctx.s.cfg.JWT_AUDIENCE, iat: now,
    exp: now + 600,
  };
  return { u, payload };
}

describe('access tokens', () => {
  it('a genuine token works (the control case)', async () => {
    const { u } = await accessPayload();
    await profile(u.access).expect(200);
    expect(headerOf(u.access)).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it.each(['none', 'None', 'NONE', 'nOnE'])('alg %s is refused', async (alg) => {
    const { payload } = await accessPayload();
    const res = await profile(craft({ alg, typ: 'JWT' }, payload)).expect(401);
    expect(res.body.error_code).toBe('unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('HS256 signed with a wrong key is refused', async () => {
    const { payload } = await accessPayload();
    await profile(craft({ alg: 'HS256', typ: 'JWT' }, payload, 'not-the-secret-not-the-secret')).expect(401);
  });

  it('HS512 and HS384 signed with the right secret are refused (the algorithm is pinned)', async () => {
    const { payload } = await accessPayload();
    await profile(craft({ alg: 'HS512', typ: 'JWT' }, payload, ctx.s.cfg.JWT_SECRET, 'sha512')).expect(401);
    await profile(craft({ alg: 'HS384', typ: 'JWT' }, payload, ctx.s.cfg.JWT_SECRET, 'sha384')).expect(401);
  });

  it('RS256 with the attacker\'s own key, and an HS256 signature under an RS256 header, are refused', async () => {
    const { payload } = await accessPayload();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await profile(jwt.sign(payload, privateKey, { algorithm: 'RS256' })).expect(401);
    // The classic confusion: the header claims RS256, the signature is an HMAC (here with the
    // real secret, and with the attacker's public key as if it were an HMAC secret).
    await profile(craft({ alg: 'RS256', typ: 'JWT' }, payload, ctx.s.cfg.JWT_SECRET)).expect(401);
    await profile(craft({ alg: 'HS256', typ: 'JWT' }, payload, publicKey.export({ type: 'spki', format: 'pem' })))
      .expect(401);
    // An embedded key in the header changes nothing.
    const jwk = publicKey.export({ format: 'jwk' });
    await profile(craft({ alg: 'HS256', typ: 'JWT', jwk }, payload, 'attacker-key-attacker-key')).expect(401);
  });

  it('an expired token is refused', async () => {
    const { u } = await accessPayload();
    const expired = jwt.sign({ role: 'user', typ: 'access' }, ctx.s.cfg.JWT_SECRET, {
      algorithm: 'HS256', subject: u.id, issuer: ctx.s.cfg.JWT_ISSUER, audience: ctx.s.cfg.JWT_AUDIENCE, expiresIn: -10,
    });
    await profile(expired).expect(401);
  });

  it('a wrong issuer, a wrong audience or a missing typ is refused', async () => {
    const { u, payload } = await accessPayload();
    const sign = (p: object) => craft({ alg: 'HS256', typ: 'JWT' }, p, ctx.s.cfg.JWT_SECRET);
    await profile(sign({ ...payload, role: 'user' })).expect(200); // the crafted token is otherwise fine
    await profile(sign({ ...payload, iss: 'someone-else' })).expect(401);
    await profile(sign({ ...payload, aud: 'another-api' })).expect(401);
    const { typ: _typ, ...untyped } = payload;
    await profile(sign(untyped)).expect(401);
    expect(u.id).toBeTruthy();
  });

  it('a tampered payload (role or subject changed, signature kept) is refused', async () => {
    const { u } = await accessPayload();
    const victim = await register(ctx.app);
    const [h, p, sig] = u.access.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    await profile(`${h}.${b64({ ...claims, role: 'admin' })}.${sig}`).expect(401);
    await profile(`${h}.${b64({ ...claims, sub: victim.id })}.${sig}`).expect(401);
    await profile(`${h}.${b64({ ...claims, exp: (claims.exp as number) + 86_400 })}.${sig}`).expect(401);
    await profile(`${h}.${p}.${sig.slice(0, -2)}AA`).expect(401);
  });

  it('a refresh token is never accepted as an access token', async () => {
    const u = await register(ctx.app);
    const res = await profile(u.refresh).expect(401);
    expect(res.body.error_code).toBe('unauthorized');
    expect(verifyAccessToken(ctx.s.cfg, u.refresh)).toBeUndefined();
    // Even relabelled typ: access, it is signed with the refresh key, not the access key.
    const [h, p, sig] = u.refresh.split('.') as [string, string, string];
    const c = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    await profile(`${h}.${b64({ ...c, typ: 'access', role: 'user' })}.${sig}`).expect(401);
  });

  it('the role in the token is not trusted: the database decides', async () => {
    const u = await register(ctx.app);
    const forged = issueAccessToken(ctx.s.cfg, { id: u.id, role: 'admin' });
    const res = await profile(forged).expect(200);
    expect(res.body.role).toBe('user');
  });

  it('no token, a malformed header, or a garbage token is 401', async () => {
    await request(ctx.app).get('/api/users/profile').expect(401);
    await request(ctx.app).get('/api/users/profile').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    await profile('not.a.jwt.at.all').expect(401);
    await profile('eyJhbGciOiJIUzI1NiJ9.e30.').expect(401);
  });
});

describe('refresh tokens', () => {
  it('an access token is never accepted as a refresh token', async () => {
    const u = await register(ctx.app);
    const res = await refresh(ctx.app, u.access).expect(401);
    expect(res.body.error_code).toBe('invalid_refresh_token');
    expect(verifyRefreshToken(ctx.s.cfg, u.access)).toBeUndefined();
  });

  it('alg none, a wrong key, the access secret, HS512 and RS256 are refused', async () => {
    const u = await register(ctx.app);
    const c = claimsOf(u.refresh);
    const refreshKey = createHmac('sha256', ctx.s.cfg.JWT_SECRET).update('playforge/refresh-token/v1').digest();
    // The control: the right key and algorithm are accepted (the token is then spent).
    const genuine = craft({ alg: 'HS256', typ: 'JWT' }, c, refreshKey);
    expect(verifyRefreshToken(ctx.s.cfg, genuine)).toMatchObject({ jti: c.jti, fam: c.fam });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const token of [
      craft({ alg: 'none', typ: 'JWT' }, c),
      craft({ alg: 'HS256', typ: 'JWT' }, c, 'not-the-secret-not-the-secret'),
      craft({ alg: 'HS256', typ: 'JWT' }, c, ctx.s.cfg.JWT_SECRET),
      craft({ alg: 'HS512', typ: 'JWT' }, c, refreshKey, 'sha512'),
      jwt.sign(c, privateKey, { algorithm: 'RS256' }),
      craft({ alg: 'HS256', typ: 'JWT' }, { ...c, fam: randomUUID() }, 'wrong-key-wrong-key'),
    ]) {
      expect((await refresh(ctx.app, token).expect(401)).body.error_code).toBe('invalid_refresh_token');
    }
    // None of those spent the real token.
    await refresh(ctx.app, u.refresh).expect(200);
  });

  it('a tampered refresh payload (another family or subject, later exp) is refused', async () => {
    const u = await register(ctx.app);
    const v = await register(ctx.app);
    const [h, p, sig] = u.refresh.split('.') as [string, string, string];
    const c = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    for (const changed of [
      { sub: v.id }, { fam: claimsOf(v.refresh).fam }, { exp: (c.exp as number) + 1000 }, { typ: 'access' },
    ]) {
      await refresh(ctx.app, `${h}.${b64({ ...c, ...changed })}.${sig}`).expect(401);
    }
    await refresh(ctx.app, u.refresh).expect(200);
    await refresh(ctx.app, v.refresh).expect(200);
  });
});

