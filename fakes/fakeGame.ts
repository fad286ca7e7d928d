// What the fake LLMs answer by default: a small but real canvas game (a requestAnimationFrame
// loop, keyboard input, a win and a loss, no network or storage), wrapped the way chat
// models answer, prose around a ```html fence, so the pipeline's extraction is exercised.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text inside HTML elements. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A JS string literal that cannot end the inline script (`</script>`) or open a comment. */
function scriptString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028|\u2029/g, ' ');
}

export function fakeGameHtml(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  html, body { margin: 0; height: 100%; background: #10131f; }
  body { display: flex; align-items: center; justify-content: center; overflow: hidden; }
  canvas { display: block; max-width: 100vw; max-height: 100vh; }
</style>
</head>
<body>
<canvas id="game" width="480" height="360"></canvas>
<script>
(function () {
  'use strict';
  var TITLE = ${scriptString(title)};
  var W = 480, H = 360, GOAL = 10, SPEED = 220;
  var canvas = document.getElementById('game');
  canvas.width = W;
  canvas.height = H;
  var ctx = canvas.getContext('2d');
  document.title = TITLE;
  var keys = {};
  var state, player, coin, enemy, score, last = 0;

  // A coin never appears under the player: a point scored by standing still would be luck.
  function place() {
    var p;
    for (var i = 0; i < 20; i++) {
      p = { x: 30 + Math.random() * (W - 60), y: 50 + Math.random() * (H - 80) };
      if (!player || !near(p, player, 60)) break;
    }
    return p;
  }
  function reset() {
    state = 'play'; score = 0;
    player = { x: W / 2, y: H / 2, r: 12 };
    coin = place();
    enemy = { x: 40, y: 60, vx: 90, vy: 70, r: 14 };
  }
  function near(a, b, d) { var dx = a.x - b.x, dy = a.y - b.y; return dx * dx + dy * dy < d * d; }

  window.addEventListener('keydown', function (e) {
    keys[e.code] = true;
    if ((e.code === 'Space' || e.code === 'Enter') && state !== 'play') reset();
    if (e.code.indexOf('Arrow') === 0 || e.code === 'Space') e.preventDefault();
  });
  window.addEventListener('keyup', function (e) { keys[e.code] = false; });

  function update(dt) {
    if (state !== 'play') return;
    var dx = (keys.ArrowRight || keys.KeyD ? 1 : 0) - (keys.ArrowLeft || keys.KeyA ? 1 : 0);
    var dy = (keys.ArrowDown || keys.KeyS ? 1 : 0) - (keys.ArrowUp || keys.KeyW ? 1 : 0);
    player.x = Math.max(player.r, Math.min(W - player.r, player.x + dx * SPEED * dt));
    player.y = Math.max(30 + player.r, Math.min(H - player.r, player.y + dy * SPEED * dt));
    enemy.x += enemy.vx * dt; enemy.y += enemy.vy * dt;
    if (enemy.x < enemy.r || enemy.x > W - enemy.r) enemy.vx = -enemy.vx;
    if (enemy.y < 30 + enemy.r || enemy.y > H - enemy.r) enemy.vy = -enemy.vy;
    if (near(player, coin, player.r + 8)) {
      score += 1; coin = place();
      enemy.vx *= 1.08; enemy.vy *= 1.08;
      if (score >= GOAL) state = 'won';
    }
    if (near(player, enemy, player.r + enemy.r)) state = 'lost';
  }

  function draw() {
    ctx.fillStyle = '#10131f';
    ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = '#ffd54f';
    ctx.beginPath(); ctx.arc(coin.x, coin.y, 8, 0, Math.PI * 2); ctx.fill();
    ctx.fillStyle = '#ff5252';
    ctx.beginPath(); ctx.arc(enemy.x, enemy.y, enemy.r, 0, Math.PI * 2); ctx.fill();
    ctx.fillStyle = '#4fc3f7';
    ctx.fillRect(player.x - player.r, player.y - player.r, player.r * 2, player.r * 2);
    ctx.fillStyle = '#ffffff';
    ctx.font = '16px sans-serif';
    ctx.textAlign = 'left';
    ctx.fillText(TITLE + '  Score: ' + score + '/' + GOAL, 10, 20);
    if (state !== 'play') {
      ctx.textAlign = 'center';
      ctx.font = '28px sans-serif';
      ctx.fillText(state === 'won' ? 'You win!' : 'Game over', W / 2, H / 2);
      ctx.font = '16px sans-serif';
      ctx.fillText('Press Space to play again', W / 2, H / 2 + 30);
    }
  }

  function frame(t) {
    var dt = last ? Math.min(0.05, (t - last) / 1000) : 0;
    last = t;
    update(dt);
    draw();
    requestAnimationFrame(frame);
  }

  reset();
  draw();
  requestAnimationFrame(frame);
})();
</script>
</body>
</html>
`;
}

/** A chat model's whole answer: a sentence, the fenced game, a closing sentence. */
export function fakeGameAnswer(title: string): string {
  return [
    `Here is "${title}", a small canvas game. ` +
      'Move with the arrow keys or WASD, collect the coins and avoid the red ball.',
    '',
    '```html',
    fakeGameHtml(title).trimEnd(),
    '```',
    '',
    'Press Space to restart after a win or a loss. Enjoy!',
  ].join('\n');
}
