// Loops and input the way ordinary games write them: methods bound to their object, a method
// that reschedules itself, listener helpers and jQuery; and the shapes that must still not count.
import { describe, expect, it } from '@jest/globals';
import { validateGame } from '../../../game/validate/index.ts';

const page = (body: string, code: string): string =>
  `<!DOCTYPE html><html><body>${body}<script>${code}</script></body></html>`;
const canvas = (code: string) => validateGame(page('<canvas id="c"></canvas>', code)).structure;
const dom = (code: string) => validateGame(page('<div id="board"></div>', code)).structure;

describe('game loop idioms', () => {
  it.each([
    ['interval on a bound method',
      'function G(){} G.prototype.start = function(){ setInterval(this.loop.bind(this), 16) };'],
    ['timeout rescheduling its method', 'var g = { tick: function(){ setTimeout(this.tick.bind(this), 16) } };'],
    ['timeout rescheduling a class method',
      'class G { frame() { setTimeout(() => 0); setTimeout(this.frame.bind(this)) } }'],
    ['timeout rescheduling a prototype method',
      'G.prototype.step = function(){ setTimeout(this.step.bind(this), 20) };'],
    ['timeout rescheduling a variable', 'var step = function(){ setTimeout(step, 20) };'],
    ['raf of a bound method', 'class G { frame() { requestAnimationFrame(this.frame.bind(this)) } }'],
  ])('%s is a loop', (_, code) => {
    expect(canvas(`${code} onkeydown = function(){};`).has_game_loop).toBe(true);
  });

  it.each([
    ['a one-shot timeout of another method', 'var g = { start: function(){ setTimeout(this.other.bind(this), 5) } };'],
    ['a timeout of a string', 'setTimeout("x()", 5);'],
    ['nothing', 'var x = 1;'],
  ])('%s is not a loop on a canvas page', (_, code) => {
    expect(canvas(`${code} onkeydown = function(){};`).has_game_loop).toBe(false);
  });

  it('a DOM board driven by clicks needs no frame loop, a canvas still does', () => {
    expect(dom('document.getElementById("board").addEventListener("click", function(){});').has_game_loop).toBe(true);
    expect(canvas('document.getElementById("c").addEventListener("click", function(){});').has_game_loop).toBe(false);
    expect(dom('var x = 1;').has_game_loop).toBe(false);
  });
});

describe('input idioms', () => {
  it.each([
    ['a listener helper', 'var Game = { addEvent: function(o, t, f){ o.addEventListener(t, f) } }; ' +
      'Game.addEvent(document, "keydown", function(e){});'],
    ['a util.on helper', 'util.on(window, "keyup", onKey);'],
    ['jQuery on with several events', '$(document).on("keydown keyup", handler);'],
    ['jQuery bind', '$(document).bind("keyup", function(){});'],
    ['jQuery shorthand', '$(document).keydown(function(e){});'],
    ['jQuery click shorthand', '$(".card").click(flip);'],
    ['a handler property by constant name', 'document["on" + "keydown"] = function(){};'],
    ['an aliased addEventListener', 'var listen = window.addEventListener.bind(window); listen("pointerdown", go);'],
  ])('%s is input', (_, code) => {
    expect(canvas(`requestAnimationFrame(function f(){ requestAnimationFrame(f) }); ${code}`).has_input).toBe(true);
  });

  it.each([
    ['a helper attaching beforeunload', 'Game.addEvent(window, "beforeunload", function(e){ e.returnValue = "x" });'],
    ['a helper attaching load', 'Game.addEvent(window, "load", start);'],
    ['an event name without a callback', 'log("keydown", 3);'],
    ['a programmatic click', '$("#start").click();'],
    ['a handler property by computed name', 'document["on" + kind] = function(){};'],
  ])('%s is not input', (_, code) => {
    expect(canvas(`requestAnimationFrame(function f(){ requestAnimationFrame(f) }); ${code}`).has_input).toBe(false);
  });
});
