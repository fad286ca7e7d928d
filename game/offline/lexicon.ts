// The words the offline engine knows, and what each one can mean. Everything here is plain
// data so coverage is easy to read and extend; tokens.ts turns a sentence into tagged words.
import type { Direction } from './types.ts';

/** How a direction word chooses what it changes (see analyze.ts, resolveDirection). */
export type DirectionClass =
  'speed' | 'height' | 'amount' | 'length' | 'strength' | 'shade' | 'difficulty' | 'size' | 'remove' | 'show';
export type ParamCue = 'jump' | 'gravity' | 'speed' | 'fire' | 'difficulty' | 'count';
export type Level = 'easy' | 'medium' | 'hard';

export interface WordRole {
  target?: string;
  plural?: boolean;
  gameType?: { type: string; weight: number };
  /** "game", "platformer": a colour in front of it paints the hero ("a blue platformer"). */
  gameNoun?: boolean;
  param?: ParamCue;
  direction?: { direction: Direction; cls: DirectionClass; strength?: 2 };
  intensifier?: boolean;
  softener?: boolean;
  negation?: boolean;
  pronoun?: 'singular' | 'plural';
  level?: Level;
  /** "normal", "medium": a difficulty only next to "difficulty", "mode" or "level". */
  levelNeedsCue?: boolean;
  levelCue?: boolean;
  unit?: { target: 'time' | 'distance'; factor: number };
  number?: number;
  colorNoun?: boolean;
  link?: boolean;
  determiner?: boolean;
  /** A clause boundary: 'always', or 'list' (and/or/comma: not when a noun list goes on). */
  splitter?: 'always' | 'list' | 'sentence';
  request?: boolean;
  verb?: boolean;
  stop?: boolean;
}

const lexicon = new Map<string, WordRole>();

function add(words: string, role: WordRole): void {
  for (const word of words.split(',').map((w) => w.trim()).filter(Boolean)) {
    lexicon.set(word, { ...lexicon.get(word), ...role });
  }
}

// ---- Things in a game (targets). Singular and plural forms are listed on purpose. ----
const TARGETS: Record<string, string> = {
  player:
    'player, players, hero, heroes, heroine, character, characters, protagonist, avatar, ship, spaceship, ' +
    'spaceships, spacecraft, starship, rocket, fighter, jet, car, kart, vehicle, runner, jumper, guy, ninja, ' +
    'knight, robot, cat, dog, frog, fox, bunny, rabbit, bird, blob, main character, my car, my ship, snake, ' +
    'serpent, worm, paddle, bat, basket, bucket, helicopter, dinosaur, dino, chicken, motorcycle, motorbike',
  enemy:
    'enemy, enemies, foe, foes, monster, monsters, alien, aliens, invader, invaders, baddie, baddies, villain, ' +
    'villains, opponent, opponents, rival, rivals, zombie, zombies, ghost, ghosts, slime, slimes, goomba, goombas, ' +
    'creature, creatures, traffic, cars, ships, ufo, ufos, bad guy, bad guys, other cars, enemy cars, enemy ships',
  obstacle:
    'obstacle, obstacles, hazard, hazards, spike, spikes, barrier, barriers, asteroid, asteroids, rock, rocks, ' +
    'trap, traps',
  coin:
    'coin, coins, gem, gems, jewel, jewels, diamond, diamonds, treasure, treasures, collectible, collectibles, ' +
    'collectable, collectables, pickup, pickups, token, tokens, money, star, stars, ring, rings, fruit, fruits, ' +
    'bonus, bonuses, reward, rewards, food, apple, apples, cherry, cherries, berries, item, items',
  goal: 'goal, goals, goal marks, solved tiles',
  background: 'background, backgrounds, backdrop, bg, scenery, wallpaper',
  sky: 'sky, skies',
  grass: 'grass, roadside, verge, field, fields',
  platform: 'platform, platforms, ledge, ledges, ground, floor, brick, bricks',
  road: 'road, roads, track, tracks, street, streets, asphalt, highway, race track',
  tile: 'tile, tiles, block, blocks, piece, pieces',
  text: 'numbers, digits, digit, text, label, labels, font, letters, writing, tile numbers',
  bullet: 'bullet, bullets, laser, lasers, shot, shots, projectile, projectiles, missile, missiles, beam, beams, ammo',
  gap: 'gap, hole, blank, empty space, empty tile, blank tile, empty square',
  lives: 'life, lives, heart, hearts, hp, health',
  time: 'time, timer, clock, countdown, time limit, seconds, minutes',
  distance: 'distance, race, length, finish, finish line, race length, track length, race distance',
  wave: 'wave, waves',
  lane: 'lane, lanes',
  canvas: 'canvas, screen, window, playfield, board, game area, play area, game window, game size',
  grid: 'grid, grid size',
  ball: 'ball, balls, puck',
  wall: 'wall, walls, hedge, hedges, maze walls',
  width: 'width',
  height: 'height',
};
// Words ending in s that are not plurals, for "it" vs "them".
const SINGULAR_S = new Set(['canvas', 'grass', 'bonus', 'gas']);
for (const [target, words] of Object.entries(TARGETS)) {
  for (const word of words.split(',').map((w) => w.trim())) {
    add(word, { target, plural: (word.endsWith('s') || word === 'traffic') && !SINGULAR_S.has(word) });
  }
}

// ---- Game types: cue words with weights; the named genre outweighs hints. ----
const GAME_TYPES: Record<string, [string, number][]> = {
  platformer: [
    ['platformer, platformers, platform game, platform games, side scroller, sidescroller, jump and run', 5],
    ['mario', 2],
    ['jump, jumps, jumping, platform, platforms, ledge, ledges, climb, climbing, hop, hopping, stomp', 1],
    ['coin, coins', 0.5],
  ],
  shooter: [
    ['shooter, shooters, shmup, shoot em up, space invaders, space shooter', 5],
    ['galaga', 3],
    ['shoot, shooting, shoots, alien, aliens, invader, invaders, spaceship, spaceships', 2],
    ['space, ship, ships, laser, lasers, bullet, bullets, blast, asteroid, asteroids, ufo, ufos', 1],
  ],
  puzzle: [
    ['puzzle, puzzles, puzzle game, sliding puzzle', 5],
    ['sliding, jigsaw', 2],
    ['slide, tile, tiles, solve, brain, logic, riddle, arrange', 1],
  ],
  racing: [
    ['racing, racer, racers, racing game, car game, driving game', 5],
    ['race', 3],
    ['car, cars, drive, driving, traffic, highway, kart', 2],
    ['road, lane, lanes, track', 1],
    ['dodge', 0.5],
  ],
};
for (const [type, groups] of Object.entries(GAME_TYPES)) {
  for (const [words, weight] of groups) add(words, { gameType: { type, weight } });
}
add(
  'game, games, platformer, platformers, shooter, shooters, puzzle, puzzles, racer, racing, race, platform game, ' +
  'space shooter, racing game, car game, driving game, puzzle game, sliding puzzle, shoot em up, shmup, side scroller',
  { gameNoun: true },
);

// ---- Quantities a direction word can point at. ----
add('jump, jumps, jumping, leap, leaps, jump height, jump strength, jump power, jump force', { param: 'jump' });
add('gravity', { param: 'gravity' });
add('speed, velocity, pace, movement speed', { param: 'speed' });
add('fire, firing, shoot, shooting, shoots, fire rate, rate of fire, firing rate, shooting speed', { param: 'fire' });
add('difficulty, challenge', { param: 'difficulty', levelCue: true });
add('number, count, amount, number of, amount of', { param: 'count' });
add('mode, level, setting', { levelCue: true });

// ---- Direction words. ----
const up = (cls: DirectionClass, strength?: 2): WordRole =>
  ({ direction: { direction: 'up', cls, ...(strength ? { strength } : {}) } });
const down = (cls: DirectionClass, strength?: 2): WordRole =>
  ({ direction: { direction: 'down', cls, ...(strength ? { strength } : {}) } });
add('faster, quicker, speedier, fast, quick, speedy, zippier, speed up', up('speed'));
add('slower, slow, slow down, sluggish', down('speed'));
add('higher, high, taller', up('height'));
add('lower, low', down('height'));
add(
  'more, increase, increases, increased, raise, boost, extra, additional, add, many, plenty of, another',
  up('amount'),
);
add('double, twice, triple, lots, lots of, a lot of, tons of, loads of', up('amount', 2));
add('less, fewer, decrease, decreased, reduce, reduced, cut, minus, lessen', down('amount'));
add('half, halve', down('amount', 2));
add('longer, long, extend, extended', up('length'));
add('shorter, short, shorten', down('length'));
add('stronger, strong, heavier, heavy', up('strength'));
// "a darker background": the current colour, shaded. ("lighter" is weaker gravity unless it names a colour.)
add('darker, dimmer', down('shade'));
add('brighter', up('shade'));
add('weaker, weak, lighter, floaty, floatier, moon gravity, low gravity', down('strength'));
add('harder, tougher, more difficult, more challenging, more challenge', up('difficulty'));
add('easier, simpler, less difficult, less challenging', down('difficulty'));
add('bigger, larger, big, large, huge, giant, enormous, massive', up('size'));
add('smaller, small, tiny, little, mini, miniature', down('size'));
add('remove, delete, get rid of, hide', down('remove'));
add('show, display', up('show'));
add('moon gravity, low gravity', { param: 'gravity' });

add(
  'much, way, far, very, really, super, extremely, significantly, massively, hugely, a lot, incredibly, insanely, ' +
  'ultra, mega, seriously, totally, crazy, stupidly, ridiculously, ' +
  'way more, much more, many more',
  { intensifier: true },
);
lexicon.set('way more', { ...lexicon.get('way more'), ...up('amount', 2) });
lexicon.set('much more', { ...lexicon.get('much more'), ...up('amount', 2) });
lexicon.set('many more', { ...lexicon.get('many more'), ...up('amount', 2) });
add('slightly, a bit, a little, somewhat, bit, a tad', { softener: true });
add(
  "not, no, don't, dont, never, without, doesn't, isn't, aren't, shouldn't, won't, nor, none, do not, does not",
  { negation: true },
);

add('easy, beginner, casual, relaxed, relaxing, gentle, chill', { level: 'easy' });
add('hard, difficult, challenging, tough, expert, brutal, insane, hardcore, impossible', { level: 'hard' });
add('medium, normal, moderate, intermediate, average, standard', { level: 'medium', levelNeedsCue: true });

add('second, seconds, sec, secs', { unit: { target: 'time', factor: 1 } });
add('minute, minutes, min, mins', { unit: { target: 'time', factor: 60 } });
add('meter, meters, metre, metres', { unit: { target: 'distance', factor: 1 } });
add('km, kilometer, kilometers, kilometre, kilometres', { unit: { target: 'distance', factor: 1000 } });
add('mile, miles', { unit: { target: 'distance', factor: 1609 } });

const NUMBER_WORDS = ('zero one two three four five six seven eight nine ten ' +
  'eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty').split(' ');
NUMBER_WORDS.forEach((word, value) => add(word, { number: value }));
Object.entries({
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, 'a hundred': 100, thousand: 1000, 'a thousand': 1000, dozen: 12, 'a dozen': 12,
  couple: 2, 'a couple': 2, 'a couple of': 2, 'a pair of': 2, single: 1, 'a single': 1,
}).forEach(([word, value]) => add(word, { number: value }));

add('color, colour, colors, colours, colored, coloured, shade, tint, hue, painted, color scheme', { colorNoun: true });
add('to, is, are, be, become, becomes, into, as, =, :, of, at, equal, equals, should, must, will, now', { link: true });
add('a, an, the, some, my, your, his, her, this, that, these, those, all, every, each, any, our', { determiner: true });
add('it, its', { pronoun: 'singular' });
add('them, they, their', { pronoun: 'plural' });
add(
  'but, then, where, while, when, so, also, plus, because, with, after, although, though, whereas, however',
  { splitter: 'always' },
);
add('and, or, &', { splitter: 'list' });
lexicon.set(',', { splitter: 'list' });
for (const mark of ['.', '!', '?', ';', '\n', '(', ')']) lexicon.set(mark, { splitter: 'sentence' });
add('add, include, including, with, plus, give, put, want, need, needs, wants, have, has', { request: true });
add(
  'make, makes, made, create, build, change, set, turn, paint, color, colour, let, use, switch, adjust, update, ' +
  'modify, tweak, rename, call, name, please, can, could, would, i, you, we, me, us, like, there, in, on, for, ' +
  'from, by, up, down, go, goes, get, gets, keep, just, too, than, also, what, which, who, how, reach, top',
  { stop: true },
);
// A word that is also a verb ("make", "paint", "color") is a verb first.
add('make, create, build, change, set, turn, paint, color, colour, give, put, rename, switch, adjust', { verb: true });

export function roleOf(word: string): WordRole | undefined {
  return lexicon.get(word);
}

/** Longest phrase in the lexicon, in words, so the tokenizer knows how far to look ahead. */
export const LONGEST_PHRASE = Math.max(...[...lexicon.keys()].map((k) => k.split(' ').length));

export function knownTargets(): string[] {
  return Object.keys(TARGETS);
}
export function targetWords(target: string): string[] {
  return (TARGETS[target] ?? '').split(',').map((w) => w.trim());
}
