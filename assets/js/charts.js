/*
 * budgetsite charts: turns every [data-chart] element into an ECharts chart.
 *
 * Markup contract (no inline scripts; CSP script-src 'self'):
 *   <div class="chart-canvas" id="X" data-chart="X-opt" role="img" aria-label="…"></div>
 *   <script type="application/json" id="X-opt">{ …ECharts option… }</script>
 *   <details class="chart-data">…data table…</details>   (inside the same figure.chart)
 *
 * Sets data-chart-ready="1" on the container once the chart has rendered
 * (first 'finished' event). On failure sets data-chart-error="1", shows a
 * Chinese message and opens the data table.
 * Requires assets/vendor/echarts.min.js (global window.echarts) loaded first.
 * ES2018, no modules, no fetch, no eval: works from file://.
 */
(function () {
  'use strict';

  var FONT_STACK = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';
  var FALLBACK_MSG = '图表脚本未能加载，请查看下方数据表。';
  var FAIL_MSG = '图表未能显示，请查看下方数据表。';
  var READY_FALLBACK_MS = 3000;
  var charts = [];

  function findDataDetails(el) {
    var fig = el.closest ? el.closest('figure.chart, figure, .chart') : null;
    var details = fig ? fig.querySelector('details.chart-data') : null;
    if (!details) {
      // Fall back to the next sibling details.chart-data.
      var sib = el.nextElementSibling;
      while (sib) {
        if (sib.matches && sib.matches('details.chart-data')) { details = sib; break; }
        sib = sib.nextElementSibling;
      }
    }
    return details;
  }

  function showFallback(el, msg) {
    el.textContent = '';
    // A role="img" container hides its children from assistive tech; drop it
    // so the message is read out.
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
    el.classList.add('chart-failed');
    el.setAttribute('data-chart-error', '1');
    var p = document.createElement('p');
    p.className = 'chart-fallback';
    p.textContent = msg;
    el.appendChild(p);
    var details = findDataDetails(el);
    if (details) { details.open = true; }
  }

  function readOption(el) {
    var optId = el.getAttribute('data-chart');
    var src = optId ? document.getElementById(optId) : null;
    if (!src) { throw new Error('chart option element #' + optId + ' not found'); }
    var opt = JSON.parse(src.textContent);
    if (!opt || typeof opt !== 'object') { throw new Error('chart option #' + optId + ' is not an object'); }
    if (!opt.textStyle || typeof opt.textStyle !== 'object') { opt.textStyle = {}; }
    if (!opt.textStyle.fontFamily) { opt.textStyle.fontFamily = FONT_STACK; }
    if (opt.animation === undefined && prefersReducedMotion()) { opt.animation = false; }
    return opt;
  }

  function prefersReducedMotion() {
    try {
      return !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
    } catch (e) { return false; }
  }

  // Closed <details> are not printed; open the chart data tables for printing
  // (the canvases are hidden by the print stylesheet) and restore afterwards.
  function wirePrint() {
    var opened = [];
    window.addEventListener('beforeprint', function () {
      var ds = document.querySelectorAll('details.chart-data');
      for (var i = 0; i < ds.length; i++) {
        if (!ds[i].open) { ds[i].open = true; opened.push(ds[i]); }
      }
    });
    window.addEventListener('afterprint', function () {
      while (opened.length) { opened.pop().open = false; }
    });
  }

  function markReady(el) {
    if (el.getAttribute('data-chart-ready') !== '1') { el.dataset.chartReady = '1'; }
  }

  function initChart(el, echarts) {
    var opt = readOption(el);
    // Without CSS the container may have no height; ECharts needs one.
    if (!el.clientHeight) { el.style.height = '360px'; }
    var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas', locale: 'ZH' });
    var onFinished = function () {
      markReady(el);
      chart.off('finished', onFinished);
    };
    chart.on('finished', onFinished);
    chart.setOption(opt);
    // Safety net: never leave tests waiting if 'finished' does not arrive
    // (e.g. the container is hidden).
    window.setTimeout(function () { markReady(el); }, READY_FALLBACK_MS);
    charts.push(chart);
  }

  function resizeAll() {
    for (var i = 0; i < charts.length; i++) {
      var c = charts[i];
      if (c && !c.isDisposed()) {
        try { c.resize(); } catch (e) { console.error('budgetsite: chart resize failed', e); }
      }
    }
  }

  var resizeTimer = 0;
  function scheduleResize() {
    if (resizeTimer) { window.clearTimeout(resizeTimer); }
    resizeTimer = window.setTimeout(function () { resizeTimer = 0; resizeAll(); }, 150);
  }

  function watchElderMode() {
    var root = document.documentElement;
    var wasElder = root.classList.contains('elder');
    if (typeof MutationObserver === 'function') {
      new MutationObserver(function () {
        var isElder = root.classList.contains('elder');
        if (isElder !== wasElder) { wasElder = isElder; scheduleResize(); }
      }).observe(root, { attributes: true, attributeFilter: ['class'] });
    }
    window.addEventListener('budgetsite:elder', scheduleResize);
  }

  function run() {
    var els = document.querySelectorAll('[data-chart]');
    if (!els.length) { return; }
    wirePrint();
    var echarts = window.echarts;
    var ok = echarts && typeof echarts.init === 'function';
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!ok) { showFallback(el, FALLBACK_MSG); continue; }
      try {
        initChart(el, echarts);
      } catch (e) {
        console.error('budgetsite: chart #' + (el.id || i) + ' failed', e);
        try {
          var broken = echarts.getInstanceByDom(el);
          if (broken) { broken.dispose(); }
          showFallback(el, FAIL_MSG);
        } catch (e2) { /* ignore */ }
      }
    }
    if (ok && charts.length) {
      window.addEventListener('resize', scheduleResize);
      watchElderMode();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run);
  } else {
    run();
  }
})();
