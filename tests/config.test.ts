import { describe, expect, it } from '@jest/globals';
import { parseConfig, ConfigError } from '../config.ts';

const base = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  JWT_SECRET: 'x'.repeat(40),
};

describe('parseConfig', () => {
  it('accepts a minimal environment and fills defaults', () => {
    const cfg = parseConfig(base);
    expect(cfg.PORT).toBe(3000);
    expect(cfg.LLM_PROVIDERS).toEqual(['openai', 'anthropic', 'gemini', 'offline']);
    expect(cfg.publicUrl).toBe('http://localhost:3000');
  });

  it('OpenID sign-in: Google by default, https issuers (http on this machine only), id and secret together', () => {
    const cfg = parseConfig(base);
    expect(cfg.OIDC_ISSUER).toBe('https://accounts.google.com');
    expect(cfg.OIDC_CLIENT_ID).toBeUndefined();
    const client = { OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 'secret' };
    expect(parseConfig({ ...base, ...client, OIDC_ISSUER: 'https://login.example.com/tenant' }).OIDC_ISSUER)
      .toBe('https://login.example.com/tenant');
    for (const local of ['http://localhost:9000', 'http://127.0.0.1:9000', 'http://[::1]:9000']) {
      expect(parseConfig({ ...base, ...client, OIDC_ISSUER: local }).OIDC_ISSUER).toBe(local);
    }
    for (const bad of ['http://login.example.com', 'ftp://localhost', 'accounts.google.com']) {
      expect(() => parseConfig({ ...base, ...client, OIDC_ISSUER: bad }))
        .toThrow(/^Invalid configuration: OIDC_ISSUER must be an https URL \(http only for localhost\)$/);
    }
    expect(() => parseConfig({ ...base, OIDC_CLIENT_ID: 'id' }))
      .toThrow(/^Invalid configuration: OIDC_CLIENT_SECRET must be set together/);
    expect(() => parseConfig({ ...base, OIDC_CLIENT_SECRET: 'secret' }))
      .toThrow(/^Invalid configuration: OIDC_CLIENT_ID must be set together/);
  });

  it('reads TRUST_PROXY as a hop count or as names and subnets, naming it when malformed', () => {
    expect(parseConfig(base).TRUST_PROXY).toBe('loopback');
    expect(parseConfig({ ...base, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ ...base, TRUST_PROXY: 'loopback, uniquelocal,10.0.0.0/8' }).TRUST_PROXY)
      .toBe('loopback, uniquelocal,10.0.0.0/8');
    for (const bad of ['everyone', '10.0.0.0/x', 'true']) {
      expect(() => parseConfig({ ...base, TRUST_PROXY: bad })).toThrow(/^Invalid configuration: TRUST_PROXY must be /);
    }
  });

  it('names DATABASE_URL when it is not a postgres URL', () => {
    expect(() => parseConfig({ ...base, DATABASE_URL: 'nonsense' })).toThrow(/^Invalid configuration: DATABASE_URL /);
  });

  it('refuses a JWT secret under 32 bytes in every environment, naming JWT_SECRET', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      const env = { ...base, PLAY_ORIGIN: 'https://play.example.com' }; // production needs one
      expect(() => parseConfig({ ...env, NODE_ENV, JWT_SECRET: 'a'.repeat(31) }))
        .toThrow(/^Invalid configuration: JWT_SECRET must be at least 32 bytes$/);
      // Bytes, not characters: 16 two-byte characters are 32 bytes.
      expect(parseConfig({ ...env, NODE_ENV, JWT_SECRET: 'é'.repeat(16) }).JWT_SECRET).toHaveLength(16);
      expect(parseConfig({ ...env, NODE_ENV, JWT_SECRET: 'a'.repeat(32) }).JWT_SECRET).toHaveLength(32);
    }
  });

  it('refuses production without a separate origin for games', () => {
    const prod = { ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://playforge.example' };
    expect(() => parseConfig(prod)).toThrow(/^Invalid configuration: PLAY_ORIGIN must be set in production/);
    expect(() => parseConfig({ ...prod, PLAY_ORIGIN: 'https://playforge.example/games' }))
      .toThrow(/^Invalid configuration: PLAY_ORIGIN must be a different origin from PUBLIC_URL/);
    expect(parseConfig({ ...prod, PLAY_ORIGIN: 'https://play.playforge.example' }).PLAY_ORIGIN)
      .toBe('https://play.playforge.example');
    expect(parseConfig(base).PLAY_ORIGIN).toBeUndefined(); // development may share the origin
  });

  it('reports a missing required variable as required', () => {
    const { REDIS_URL: _omit, ...rest } = base;
    try {
      parseConfig(rest);
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).variable).toBe('REDIS_URL');
      expect((err as Error).message).toBe('Invalid configuration: REDIS_URL is required');
    }
  });

  it('rejects an unknown provider in LLM_PROVIDERS', () => {
    expect(() => parseConfig({ ...base, LLM_PROVIDERS: 'openai,bard' })).toThrow(/LLM_PROVIDERS/);
  });

  it('e-mail: off without SMTP_HOST; credentials both or neither; a bad sender or port is named', () => {
    const off = parseConfig(base);
    expect(off.SMTP_HOST).toBeUndefined();
    expect(off).toMatchObject({ SMTP_PORT: 587, SMTP_SECURE: false, FROM_EMAIL: 'noreply@playforge.local' });
    expect(parseConfig({ ...base, SMTP_HOST: 'smtp.example.com', SMTP_PORT: '465', SMTP_SECURE: 'true' }))
      .toMatchObject({ SMTP_HOST: 'smtp.example.com', SMTP_PORT: 465, SMTP_SECURE: true });
    expect(() => parseConfig({ ...base, SMTP_HOST: 'h', SMTP_USER: 'me' }))
      .toThrow(/^Invalid configuration: SMTP_PASSWORD must be set together/);
    expect(() => parseConfig({ ...base, SMTP_PASSWORD: 'secret' }))
      .toThrow(/^Invalid configuration: SMTP_USER must be set together/);
    expect(() => parseConfig({ ...base, FROM_EMAIL: 'not an address' })).toThrow(/^Invalid configuration: FROM_EMAIL /);
    expect(() => parseConfig({ ...base, SMTP_PORT: '70000' })).toThrow(/^Invalid configuration: SMTP_PORT /);
  });
});
