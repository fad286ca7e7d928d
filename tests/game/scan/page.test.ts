// The play page's headers and wrapper, built in one place: what the playtest serves is what
// players get. Games are sandboxed (opaque origin), offline, and framed only by the play page.
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { ENGINE_PATH, gameCsp, gameHeaders, wrapperHeaders, wrapperHtml } from '../../../game/play/page.ts';

const directives = (csp: string): Map<string, string> => new Map(
  csp.split(';').map((d) => d.trim()).map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]),
);

describe('game CSP and headers', () => {
  it('allows inline code only, plus the vendored engine URL when given, and no network', () => {
    const plain = directives(gameCsp({}));
    expect(plain.get('default-src')).toBe("'none'");
    expect(plain.get('script-src')).toBe("'unsafe-inline'");
    expect(plain.get('style-src')).toBe("'unsafe-inline'");
    expect(plain.get('img-src')).toBe('data: blob:');
    expect(plain.get('connect-src')).toBe("'none'");
    expect(plain.get('form-action')).toBe("'none'");
    expect(plain.get('frame-ancestors')).toBe("'self'");
    expect(plain.get('sandbox')).toBe('allow-scripts');
    const engine = `https://play.example.com${ENGINE_PATH}`;
    expect(directives(gameCsp({ engineUrl: engine })).get('script-src')).toBe(`'unsafe-inline' ${engine}`);
    expect(directives(gameCsp({ playOrigin: 'https://play.example.com/any/path' })).get('frame-ancestors'))
      .toBe('https://play.example.com');
  });

  it('refuses engine URLs that could widen the policy', () => {
    for (const bad of [
      ENGINE_PATH, 'javascript:alert(1)', "https://x.example/a.js 'unsafe-eval'",
      'https://x.example/a.js;script-src *', 'https://x.example/a.js?v=1',
    ]) {
      expect(() => gameCsp({ engineUrl: bad })).toThrow();
    }
  });

  it('sends the CSP with nosniff, no referrer and a same-origin resource policy', () => {
    const h = gameHeaders({});
    expect(h['Content-Security-Policy']).toBe(gameCsp({}));
    expect(h).toMatchObject({
      'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    expect(h['Permissions-Policy']).toContain('camera=()');
  });
});

describe('wrapper page', () => {
  it('embeds the game in a scripts-only sandbox, never with allow-same-origin', () => {
    const html = wrapperHtml({ gameUrl: '/play/games/abc/v/2', title: 'My <Game> & "friends"' });
    expect(html).toContain('<iframe sandbox="allow-scripts" src="/play/games/abc/v/2"');
    expect(html).not.toContain('allow-same-origin');
    expect(html).toContain('<title>My &lt;Game&gt; &amp; &quot;friends&quot;</title>');
    expect(() => wrapperHtml({ gameUrl: 'javascript:alert(1)', title: 't' })).toThrow();
    expect(() => wrapperHtml({ gameUrl: 'data:text/html,hi', title: 't' })).toThrow();
  });

  it('allows exactly its own inline script by hash and cannot be framed', () => {
    const html = wrapperHtml({ gameUrl: '/g', title: 't' });
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    const csp = directives(wrapperHeaders()['Content-Security-Policy']!);
    expect(csp.get('script-src')).toBe(`'sha256-${hash}'`);
    expect(csp.get('frame-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(directives(wrapperHeaders({ gameOrigin: 'https://games.example.net' })['Content-Security-Policy']!)
      .get('frame-src')).toBe('https://games.example.net');
    expect(wrapperHeaders()).toMatchObject({
      'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff',
    });
  });
});
