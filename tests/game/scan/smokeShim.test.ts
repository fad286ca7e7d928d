// The smoke shim behaves as a browser does where games and libraries depend on it: Web
// Storage works in memory with a quota (the play page provides storage to games), cookies
// and IndexedDB stay blocked, `element.attributes` is a live NamedNodeMap, selectors match
// as in a browser. Each page checks itself and throws on the first difference, so a wrong
// shim shows as a load error.
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../../bench/corpus.ts';
import { createScanner } from '../../../game/scan/index.ts';

const scanner = createScanner({ poolSize: 1 });

afterAll(async () => {
  await scanner.close();
});

async function loadErrors(js: string): Promise<string[]> {
  const html = `<!DOCTYPE html><html><body><div id="box" class="a b" data-x="7"></div><script>
function check(ok, what) { if (!ok) throw new Error('shim differs: ' + what); }
${js}
</script></body></html>`;
  const report = await scanner.scanGame(html);
  return report.smoke.errors;
}

describe('smoke shim', () => {
  it('a failing check is reported (the harness can fail)', async () => {
    expect(await loadErrors("check(false, 'control');")).toEqual([expect.stringContaining('shim differs: control')]);
  });

  it('localStorage and sessionStorage are working Storage areas with a quota', async () => {
    expect(await loadErrors(`
for (const s of [localStorage, sessionStorage]) {
  check(s.getItem('best') === null && s.length === 0, 'empty');
  s.setItem('best', 42);
  check(s.getItem('best') === '42' && s.length === 1 && s.key(0) === 'best' && s.key(1) === null, 'set/get/key');
  check(s.best === '42' && 'best' in s && Object.keys(s).join() === 'best', 'named access');
  s.level = 3;
  check(s.getItem('level') === '3', 'named set');
  s.removeItem('best');
  check(s.getItem('best') === null && s.length === 1, 'remove');
  let threw = '';
  try { s.setItem('big', 'x'.repeat(70 * 1024)); } catch (e) { threw = e.name; }
  check(threw === 'QuotaExceededError' && s.getItem('big') === null, 'quota: ' + threw);
  s.clear();
  check(s.length === 0, 'clear');
}
check(localStorage instanceof Storage, 'instanceof Storage');
localStorage.setItem('a', '1');
check(sessionStorage.getItem('a') === null, 'areas are separate');
`)).toEqual([]);
  });

  it('cookies, IndexedDB, Cache Storage and cookieStore stay blocked', async () => {
    for (const expr of ['document.cookie', 'indexedDB', 'caches', 'cookieStore']) {
      expect(await loadErrors(`void ${expr};`)).toEqual([expect.stringContaining('is sandboxed')]);
    }
  });

  it('element.attributes is a live NamedNodeMap of Attr nodes', async () => {
    expect(await loadErrors(`
const el = document.getElementById('box');
const attrs = el.attributes;
check(attrs === el.attributes, 'same object');
check(attrs.length === 3 && attrs[0].name === 'id' && attrs.item(1).name === 'class', 'index');
check(attrs[3] === undefined && attrs.item(3) === null, 'past the end');
check(attrs.id.value === 'box' && attrs['data-x'].value === '7', 'named');
check(attrs.getNamedItem('DATA-X').value === '7', 'getNamedItem');
check(attrs.nope === undefined && attrs.getNamedItem('nope') === null, 'missing');
const a = attrs[0];
check(a.nodeName === 'id' && a.specified === true && a.nodeType === 2 && a.ownerElement === el, 'Attr fields');
check([...attrs].map((x) => x.name).join() === 'id,class,data-x', 'iteration');
el.setAttribute('title', 'hi');
check(attrs.length === 4 && attrs.title.value === 'hi', 'live');
a.value = 'box2';
check(el.id === 'box2' && el.getAttributeNode('id') === a, 'Attr writes through');
el.removeAttribute('title');
check(attrs.length === 3 && !('title' in attrs), 'live removal');
const made = document.createAttribute('role');
made.value = 'grid';
el.setAttributeNode(made);
check(el.getAttribute('role') === 'grid', 'setAttributeNode');
const doc = document.implementation.createHTMLDocument('');
check(doc.body && doc.createElement('p').localName === 'p', 'createHTMLDocument');
`)).toEqual([]);
  });

  it('selectors find the first match in document order, the same way however often a game asks', async () => {
    expect(await loadErrors(`
const box = document.getElementById('box');
box.innerHTML = '<p class="n">1<span class="n">2</span></p><p class="n">3</p>';
for (let i = 0; i < 3; i++) {
  check(document.querySelector('.n').textContent === '12', 'first in document order');
  check(document.querySelector('p > .n').textContent === '2', 'child combinator');
  check(document.querySelectorAll('#box .n').length === 3, 'all');
  check(document.querySelector('.missing') === null, 'none');
  check(box.querySelector('span').matches('p .n') && box.firstChild.closest('#box') === box, 'matches, closest');
}
// Thousands of different selectors (the shim keeps only a few compiled): each still answers.
for (let i = 0; i < 3000; i++) check(document.querySelector('.k' + i) === null, 'selector ' + i);
box.lastChild.className = 'k2999';
check(document.querySelector('.k2999') === box.lastChild, 'late selector');
`)).toEqual([]);
  });

  it('jQuery 1.12.4 loads and a jQuery game plays to its end without errors', async () => {
    const game = readFileSync(join(CORPUS_DIR, 'benign/jquery-1.12.4-whack.html'), 'utf8');
    // The game ends after 30 s of its own timer: by 60 s it must say so, with its state in the DOM.
    const audit = `<script>setTimeout(function () {
  if (!/^Game over: \\d+ points$/.test($('#title').text()) || $('#time').text() !== '0') throw new Error('not over');
  if ($('#title').attr('data-level') !== '2' || $('#title').data('id') !== 'title') throw new Error('state');
}, 60000);</script></body>`;
    const report = await scanner.scanGame(game.replace('</body>', audit));
    expect(report.smoke).toMatchObject({ status: 'ok', errors: [] });
    expect(report.findings.filter((f) => f.rule.startsWith('smoke.'))).toEqual([]);
    const broken = await scanner.scanGame(game.replace('</body>', audit.replace("!== '0'", "!== 'x'")));
    expect(broken.smoke.errors).toEqual([expect.stringContaining('not over')]);
  });
});
