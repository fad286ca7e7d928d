// The play page's headers and wrapper, built in one place: what the playtest serves is what
// players get. Games are sandboxed (opaque origin), offline, and framed only by the play page.
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { ENGINE_PATH, gameCsp, gameHeaders, wrapperHeaders, wrapperHtml } from '../../../game/play/page.ts';
import { GAME_PRELUDE, GAME_PRELUDE_HASH, withGamePrelude } from '../../../game/play/prelude.ts';
import { scriptHashes } from '../../../game/play/script-hashes.ts';

const directives = (csp: string): Map<string, string> => new Map(
  csp.split(';').map((d) => d.trim()).map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]),
);

describe('game CSP and headers', () => {
  it('allows the prelude and the game\'s own inline code by hash, the engine URL when given, and no network', () => {
    const plain = directives(gameCsp({}));
    expect(plain.get('default-src')).toBe("'none'");
    expect(plain.get('script-src')).toBe(GAME_PRELUDE_HASH);
    expect(plain.get('script-src-attr')).toBe("'none'");
    const own = directives(gameCsp({ scripts: { inline: ["'sha256-a'"], handlers: ["'sha256-h'"] } }));
    expect(own.get('script-src')).toBe(`${GAME_PRELUDE_HASH} 'sha256-a'`);
    expect(own.get('script-src-attr')).toBe("'unsafe-hashes' 'sha256-h'");
    expect(plain.get('style-src')).toBe("'unsafe-inline'");
    expect(plain.get('img-src')).toBe('data: blob:');
    expect(plain.get('connect-src')).toBe("'none'");
    expect(plain.get('form-action')).toBe("'none'");
    expect(plain.get('frame-ancestors')).toBe("'self'");
    expect(plain.get('sandbox')).toBe('allow-scripts');
    const engine = `https://play.example.com${ENGINE_PATH}`;
    expect(directives(gameCsp({ engineUrl: engine })).get('script-src')).toBe(`${GAME_PRELUDE_HASH} ${engine}`);
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
    const html = wrapperHtml({ gameUrl: '/play/games/abc/v/2', title: 'My <Game> & "friends"', storageKey: 'a"b' });
    // The page's script starts the frame once the game's saved items are in its name.
    expect(html)
      .toContain('<iframe sandbox="allow-scripts" data-src="/play/games/abc/v/2" data-storage-key="a&quot;b"');
    expect(html).not.toContain('allow-same-origin');
    expect(html).toContain('<title>My &lt;Game&gt; &amp; &quot;friends&quot;</title>');
    expect(() => wrapperHtml({ gameUrl: 'javascript:alert(1)', title: 't', storageKey: 'k' })).toThrow();
    expect(() => wrapperHtml({ gameUrl: 'data:text/html,hi', title: 't', storageKey: 'k' })).toThrow();
  });

  it('allows exactly its own inline script by hash and cannot be framed', () => {
    const html = wrapperHtml({ gameUrl: '/g', title: 't', storageKey: 'k' });
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

describe('storage shim', () => {
  const shim = `<script>${GAME_PRELUDE}</script>`;
  it('goes before every script of the game, after the doctype so the page keeps standards mode', () => {
    expect(withGamePrelude('<!DOCTYPE html><html><script>x()</script>'))
      .toBe(`<!DOCTYPE html>${shim}<html><script>x()</script>`);
    expect(withGamePrelude('\uFEFF <!-- made by me -->\n<!doctype html ><p>'))
      .toBe(`\uFEFF <!-- made by me -->\n<!doctype html >${shim}<p>`);
    expect(withGamePrelude('<html><body>')).toBe(`${shim}<html><body>`);
    expect(withGamePrelude('<!-- never closed')).toBe(`${shim}<!-- never closed`);
    const flood = '<!---->'.repeat(50_000);
    expect(withGamePrelude(flood).length).toBe(flood.length + shim.length);
  });

  it('is allowed by its own hash when the policy lists hashes', () => {
    expect(GAME_PRELUDE_HASH)
      .toBe(`'sha256-${createHash('sha256').update(GAME_PRELUDE).digest('base64')}'`);
  });
});

describe('script hashes', () => {
  const hash = (t: string): string => `'sha256-${createHash('sha256').update(t).digest('base64')}'`;
  it('hashes exactly the inline scripts a browser runs and the static handlers, as the browser reads them', () => {
    const html = '<!DOCTYPE html><body onload="go()"><button onclick="a &amp;&amp; b()">x</button>\r\n' +
      '<script>let a = 1;\r\n</script><script type="module">import("x")</script>' +
      '<script type="text/plain">alert(1)</script><script type="application/json">{}</script>' +
      '<script language="javascript">legacy()</script><script type="text/javascript; charset=utf-8">no()</script>' +
      '<script src="/play/vendor/phaser.min.js"></script><iframe srcdoc="<script>inner()</script>"></iframe>';
    const { inline, handlers } = scriptHashes(html);
    // Newlines normalised as the tokenizer does; entities decoded in attributes.
    expect(inline.sort()).toEqual([hash('let a = 1;\n'), hash('import("x")'), hash('legacy()')].sort());
    expect(handlers.sort()).toEqual([hash('go()'), hash('a && b()')].sort());
  });
});
