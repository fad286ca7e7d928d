// Runs in the game document before anything else: takes WebRTC away from the game. CSP's
// connect-src does not cover RTCPeerConnection, and its STUN/TURN host names are looked up
// through DNS, so a game could send what the player types anywhere. The constructors are
// deleted from the page, and no other realm may bring them back: frame-src 'none' still lets
// an <iframe> without src (or with srcdoc) make a fresh about:blank window with its own
// constructors, so frames are taken out of the page the moment they are inserted — by
// wrapping every API that inserts nodes (checked synchronously, before the game's code runs
// again) and, for the parser, a MutationObserver (the parser runs microtasks before each
// script). A frame that cannot be removed (in a closed shadow root) has its window sealed the
// same way. Workers and popups are closed by the CSP and the sandbox. ES5 on purpose.
export const REALM_GUARD = `(function () {
'use strict';
var apply = Reflect.apply, getOwn = Object.getOwnPropertyDescriptor, define = Object.defineProperty;
var FRAMES = 'iframe,frame,frameset,fencedframe,portal,object,embed';
var sealed = new WeakSet();
function strip(win) {
  var names = Object.getOwnPropertyNames(win);
  for (var i = 0; i < names.length; i++) {
    if (/^(webkit|moz)?RTC/.test(names[i])) { try { delete win[names[i]]; } catch (e) { /* keep going */ } }
  }
}
function seal(win) {
  if (sealed.has(win)) return;
  sealed.add(win);
  strip(win);
  var lengthOf = (getOwn(win, 'length') || getOwn(Object.getPrototypeOf(win), 'length')).get;
  var qsaDoc = win.Document.prototype.querySelectorAll, qsaFrag = win.DocumentFragment.prototype.querySelectorAll;
  var removeChild = win.Node.prototype.removeChild, parentOf = getOwn(win.Node.prototype, 'parentNode').get;
  var roots = [win.document];
  function sweep() {
    if (apply(lengthOf, win, []) === 0) return;
    for (var r = 0; r < roots.length; r++) {
      var found = apply(roots[r] === win.document ? qsaDoc : qsaFrag, roots[r], [FRAMES]);
      for (var i = 0; i < found.length; i++) {
        var parent = apply(parentOf, found[i], []);
        if (parent) { try { apply(removeChild, parent, [found[i]]); } catch (e) { /* sealed below */ } }
      }
    }
    var left = apply(lengthOf, win, []);
    for (var f = 0; f < left && f < 64; f++) { try { seal(win[f]); } catch (e) { /* another origin: no realm */ } }
  }
  function wrapMethod(proto, name) {
    var original = proto && getOwn(proto, name);
    if (!original || typeof original.value !== 'function') return;
    var fn = original.value;
    define(proto, name, { value: function () { try { return apply(fn, this, arguments); } finally { sweep(); } },
      writable: true, configurable: true, enumerable: original.enumerable });
  }
  function wrapSetter(proto, name) {
    var original = proto && getOwn(proto, name);
    if (!original || !original.set) return;
    var set = original.set;
    define(proto, name, { get: original.get, set: function (v) { try { apply(set, this, [v]); } finally { sweep(); } },
      configurable: true, enumerable: original.enumerable });
  }
  var P = [
    [win.Node, ['appendChild', 'insertBefore', 'replaceChild']],
    [win.Element, ['append', 'prepend', 'before', 'after', 'replaceWith', 'replaceChildren', 'insertAdjacentElement',
      'insertAdjacentHTML', 'setHTMLUnsafe', 'setHTML', 'moveBefore']],
    [win.CharacterData, ['before', 'after', 'replaceWith']], [win.DocumentType, ['before', 'after', 'replaceWith']],
    [win.Document, ['append', 'prepend', 'replaceChildren', 'write', 'writeln', 'execCommand', 'moveBefore']],
    [win.DocumentFragment, ['append', 'prepend', 'replaceChildren', 'moveBefore']],
    [win.ShadowRoot, ['setHTMLUnsafe', 'setHTML']], [win.Range, ['insertNode', 'surroundContents']]
  ];
  for (var p = 0; p < P.length; p++) {
    for (var m = 0; m < P[p][1].length; m++) if (P[p][0]) wrapMethod(P[p][0].prototype, P[p][1][m]);
  }
  wrapSetter(win.Element.prototype, 'innerHTML'); wrapSetter(win.Element.prototype, 'outerHTML');
  if (win.ShadowRoot) wrapSetter(win.ShadowRoot.prototype, 'innerHTML');
  var attach = win.Element.prototype.attachShadow;
  if (attach) {
    define(win.Element.prototype, 'attachShadow', { value: function () {
      var root = apply(attach, this, arguments);
      roots.push(root);
      try { new win.MutationObserver(sweep).observe(root, { childList: true, subtree: true }); }
      catch (e) { /* the wrapped insertion APIs still sweep */ }
      return root;
    }, writable: true, configurable: true });
  }
  try { new win.MutationObserver(sweep).observe(win.document, { childList: true, subtree: true }); }
  catch (e) { /* the wrapped insertion APIs still sweep */ }
  sweep();
}
seal(window);
})();`;
