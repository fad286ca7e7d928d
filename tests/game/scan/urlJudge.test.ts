// The URL judge: every URL form resolved as a browser at the game's address resolves it
// (WHATWG URL parser), then sorted into what the game may use and what leaves the page.
import { describe, expect, it } from '@jest/globals';
import { dataUrlText, judgeUrl, type UrlKind } from '../../../game/scan/rules/url-judge.ts';
import { urlRisk } from '../../../game/scan/rules/code-checks.ts';

const TABLE: [string | undefined, UrlKind][] = [
  // other hosts, however they are spelled
  ['https://evil.example/x.png', 'external'],
  ['HTTPS://EVIL.EXAMPLE/x.png', 'external'],
  ['//evil.example/x', 'external'],
  ['/\\evil.example/x', 'external'],
  ['\\/evil.example/x', 'external'],
  ['\\\\evil.example/x', 'external'],
  ['http:evil.example/x', 'external'],
  ['https:evil.example/x', 'external'],
  ['ht\ttps://evil.example/', 'external'],
  [' \n\u0001https://evil.example/', 'external'],
  ['ws:evil.example', 'external'],
  ['wss://evil.example/socket', 'external'],
  ['ftp://evil.example/f', 'external'],
  ['mailto:someone@evil.example', 'external'],
  ['https://', 'external'], // the constant start of a URL completed at run time
  // code
  ['javascript:play()', 'javascript'],
  ['java\tscript:alert(1)', 'javascript'],
  ['JAVASCRIPT:alert(1)', 'javascript'],
  ['\u0000 javascript:alert(1)', 'javascript'],
  // what a game may use
  ['#gradient', 'fragment'],
  ['  #top', 'fragment'],
  ['data:image/png;base64,AAAA', 'data'],
  ['DATA:image/png;base64,AAAA', 'data'],
  ['blob:https://game.invalid/1234', 'blob'],
  ['/play/vendor/phaser.min.js', 'same-origin'],
  ['img/hero.png', 'same-origin'],
  ['./hero.png', 'same-origin'],
  ['%6Aavascript:alert(1)', 'same-origin'], // percent-encoding does not make a scheme
  ['about:blank', 'same-origin'],
  ['', 'empty'],
  ['   ', 'empty'],
  [undefined, 'empty'],
];

describe('judgeUrl', () => {
  it.each(TABLE)('%j is %s', (url, kind) => {
    expect(judgeUrl(url).kind).toBe(kind);
  });

  it('urlRisk keeps its contract: external, javascript or null', () => {
    expect(urlRisk('/\\evil.example/p.png')).toBe('external');
    expect(urlRisk('java\nscript:x()')).toBe('javascript');
    expect(urlRisk('data:image/png;base64,AA')).toBeNull();
    expect(urlRisk('#g')).toBeNull();
  });

  it('is linear on long URLs', () => {
    const t = performance.now();
    const long = ['\t'.repeat(200_000) + 'javascript:x', `data:,${'A'.repeat(200_000)}`, `/${'\\'.repeat(200_000)}`];
    for (const url of long) judgeUrl(url);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('reads the text of data: URLs, percent- or base64-encoded', () => {
    expect(dataUrlText('data:text/css,a%7Bcolor:red%7D')).toBe('a{color:red}');
    expect(dataUrlText(`data:text/css;base64,${Buffer.from('@import "x.css";').toString('base64')}`))
      .toBe('@import "x.css";');
    expect(dataUrlText('data:text/css,100%')).toBe('100%');
    expect(dataUrlText('https://evil.example/a.css')).toBeUndefined();
  });
});
