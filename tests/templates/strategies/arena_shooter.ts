// How the suite plays arena_shooter.
import { playUntil, type PlayStrategy } from '../playing.ts';

// Arrow pairs for the eight directions the twin-stick can fire in, in turning order.
const AIMS: string[][] = [
  ['ArrowUp'], ['ArrowUp', 'ArrowRight'], ['ArrowRight'], ['ArrowRight', 'ArrowDown'],
  ['ArrowDown'], ['ArrowDown', 'ArrowLeft'], ['ArrowLeft'], ['ArrowLeft', 'ArrowUp'],
];

export const strategy: PlayStrategy = {
  // A fast crowd reaches a player who never moves; one hit ends it.
  fastLoss: { difficulty: 'hard', lives: 1, enemy_speed: 250, enemy_count: 20, obstacle_count: 0, no_fail: false },
  // Stand still in the middle (W and S held cancel out, but count as "WASD held", which turns the
  // arrows into aim-and-fire) and sweep the aim round all eight directions while slow zombies walk in.
  win: {
    config: {
      difficulty: 'easy', skin: 'zombies', enemy_count: 4, wave_count: 2, enemy_speed: 40, lives: 20,
      fire_rate: 20, obstacle_count: 0, no_fail: false,
    },
    play: (g) => {
      g.keyDown('KeyW');
      g.keyDown('KeyS');
      let aim: string[] = [];
      return playUntil(g, /^You win!$/, 20000, (i) => {
        if (i % 4 !== 0) return;
        for (const k of aim) g.keyUp(k);
        aim = AIMS[(i / 4) % AIMS.length] ?? [];
        for (const k of aim) g.keyDown(k);
      });
    },
  },
};
