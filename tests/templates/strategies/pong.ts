// How the suite plays pong.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // A sharp computer with a short paddle for you: it angles every return away from an idle paddle.
  fastLoss: { difficulty: 'hard', points_to_win: 1, paddle_size: 40, ball_speed: 900 },
  // The game draws no text that tells where the ball is, so play the blocking game: on a flat court
  // a full-size paddle held in the middle reaches every ball, while the easy computer's shorter, slow
  // paddle misses once the rally has sped the ball up.
  win: {
    config: {
      difficulty: 'easy', players: 'one', points_to_win: 3, canvas_height: 300, paddle_size: 240, ball_size: 30,
      ball_speed: 900, player_speed: 150,
    },
    play: (g) => {
      const [w, h] = g.canvasSize();
      g.pointerDown(w / 4, (h + 40) / 2); // hold a finger on the middle of the court
      return playUntil(g, /^You win!$/, 20000);
    },
  },
};
