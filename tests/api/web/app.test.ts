// The player's app as served: one HTML page under a strict CSP (no inline script or style, no
// other origin), naming its two bundled files, which are cached for good under their hash.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { cspDirectives } from '../../helpers/csp.ts';

let s: Services;
let app: Express;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
});
afterAll(async () => s?.close());


describe("the player's app at /", () => {
  it('serves the page under a CSP without unsafe-inline, naming its script and stylesheet', async () => {
    const res = await request(app).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = cspDirectives(res.headers['content-security-policy']!);
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('frame-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe|https?:|\*/);
    expect(res.text).not.toMatch(/<script>|<style>|\son\w+=/);
    const script = /<script type="module" src="\/app\/(app-[0-9a-f]{12}\.js)"><\/script>/.exec(res.text)?.[1];
    const style = /<link rel="stylesheet" href="\/app\/(style-[0-9a-f]{12}\.css)">/.exec(res.text)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();

    const js = await request(app).get(`/app/${script!}`).expect(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.text).toContain('job-progress');
    const css = await request(app).get(`/app/${style!}`).expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('404 for a file of another build, 400 for a name that is not an app file', async () => {
    expect((await request(app).get('/app/app-000000000000.js').expect(404)).body.error_code).toBe('not_found');
    expect((await request(app).get('/app/..%2Fconfig.ts').expect(400)).body.error_code).toBe('validation_error');
  });
});
