/*
 * budgetsite: 敬老版 (elder mode) and print buttons.
 * Loaded in <head> WITHOUT defer so the saved elder mode is applied before
 * first paint. No inline handlers; works from file://.
 *
 *   localStorage 'budgetsite-elder' = "1"  ->  <html class="elder">
 *   #elder-toggle   <button type="button" aria-pressed="false">敬老版</button>
 *   button[data-print]  -> window.print()
 * Toggling dispatches the event 'budgetsite:elder' on window
 * (event.detail.elder is true/false).
 */
(function () {
  'use strict';

  var KEY = 'budgetsite-elder';
  var CLASS = 'elder';
  var root = document.documentElement;

  function load() {
    try { return window.localStorage.getItem(KEY) === '1'; } catch (e) { return false; }
  }

  function save(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, '1'); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage unavailable (private mode, file:// policy): keep for this page only */ }
  }

  if (load()) { root.classList.add(CLASS); }

  function isElder() { return root.classList.contains(CLASS); }

  function syncButton(btn) {
    var on = isElder();
    btn.setAttribute('aria-pressed', on ? 'true' : 'false');
    btn.textContent = on ? '标准版' : '敬老版';
  }

  function dispatch(on) {
    var ev;
    try {
      ev = new CustomEvent('budgetsite:elder', { detail: { elder: on } });
    } catch (e) {
      ev = document.createEvent('CustomEvent');
      ev.initCustomEvent('budgetsite:elder', false, false, { elder: on });
    }
    window.dispatchEvent(ev);
  }

  function wire() {
    var btn = document.getElementById('elder-toggle');
    if (btn) {
      syncButton(btn);
      btn.addEventListener('click', function () {
        var on = !isElder();
        root.classList.toggle(CLASS, on);
        save(on);
        syncButton(btn);
        dispatch(on);
      });
    }

    var printBtns = document.querySelectorAll('button[data-print]');
    for (var i = 0; i < printBtns.length; i++) {
      printBtns[i].addEventListener('click', function () { window.print(); });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wire);
  } else {
    wire();
  }
})();
