/*
 * Site search, entirely in the browser so it works from file:// and
 * without any search service. The index (data/search-index.js) assigns
 * window.BUDGETSITE_SEARCH; see generator/search.go for its shape.
 *
 * Chinese has no spaces between words, so matching is by substring: a
 * query finds every run of characters, the same as an n-gram index would.
 * Space-separated terms must all match (AND). The query and the filters
 * are ordinary GET parameters of search.html, so a result list can be
 * bookmarked and shared.
 *
 * The matching core has no DOM dependency and is exported for the Node
 * tests (scripts/search.test.mjs).
 */
(function (root) {
  'use strict';

  // Field weights: a hit in the name says more than one in the overview.
  var W = { name: 10, code: 8, unit: 4, dept: 4, indicator: 3, goal: 2, overview: 1, evaluation: 1 };

  // normalize folds what readers type interchangeably: full-width Latin
  // letters and digits, case, and spaces inside a term.
  function normalize(s) {
    if (s == null) return '';
    s = String(s).replace(/[\uFF01-\uFF5E]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).replace(/\u3000/g, ' ');
    return s.toLowerCase();
  }

  function terms(q) {
    return normalize(q).split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  // expand turns the compact index into documents with named fields.
  function expand(idx) {
    var docs = [];
    for (var i = 0; i < idx.docs.length; i++) {
      var d = idx.docs[i];
      var dept = idx.depts[d[3]] || ['', ''];
      var unit = idx.units[d[4]] || ['', '', 0];
      var inds = [];
      for (var j = 0; j < d[6].length; j++) inds.push(idx.dict[d[6][j]]);
      docs.push({
        code: d[0], name: d[1], year: d[2],
        deptCode: dept[0], dept: dept[1], unitCode: unit[0], unit: unit[1],
        funds: String(d[5]), indicators: inds,
        overview: d[7] || '', goal: d[8] == null ? '' : d[8], evaluation: d[9] || '',
        page: d[2] + '/project/' + d[0] + '.html'
      });
    }
    return docs;
  }

  function fieldsOf(doc) {
    return [
      ['name', doc.name], ['code', doc.code], ['unit', doc.unit], ['dept', doc.dept],
      ['indicator', doc.indicators.join('\n')], ['goal', doc.goal], ['overview', doc.overview],
      ['evaluation', doc.evaluation]
    ];
  }

  function passes(doc, f) {
    if (f.year && String(doc.year) !== String(f.year)) return false;
    if (f.dept && doc.deptCode !== f.dept) return false;
    if (f.unit && doc.unitCode !== f.unit) return false;
    var v = parseFloat(doc.funds);
    if (f.min !== '' && f.min != null && !(v >= parseFloat(f.min))) return false;
    if (f.max !== '' && f.max != null && !(v <= parseFloat(f.max))) return false;
    return true;
  }

  // search returns the matching documents, best first. Each result says
  // which field matched best, for the snippet.
  function search(docs, query, filters) {
    var ts = terms(query);
    var f = filters || {};
    var out = [];
    for (var i = 0; i < docs.length; i++) {
      var doc = docs[i];
      if (!passes(doc, f)) continue;
      var fields = fieldsOf(doc);
      var score = 0, best = null, bestW = 0, ok = true;
      for (var t = 0; t < ts.length && ok; t++) {
        var termBest = 0;
        for (var k = 0; k < fields.length; k++) {
          var text = normalize(fields[k][1]);
          var at = text.indexOf(ts[t]);
          if (at < 0) continue;
          var w = W[fields[k][0]];
          // A code is usually searched by its last digits.
          if (fields[k][0] === 'code' && text.slice(-ts[t].length) === ts[t]) w += 4;
          if (w > termBest) termBest = w;
          if (w > bestW && fields[k][0] !== 'name' && fields[k][0] !== 'code') { bestW = w; best = fields[k][0]; }
          score += w / 10;
        }
        if (termBest === 0) ok = false;
        score += termBest;
      }
      if (!ok) continue;
      out.push({ doc: doc, score: score, field: best });
    }
    out.sort(function (a, b) {
      return b.score - a.score || b.doc.year - a.doc.year || (a.doc.code < b.doc.code ? -1 : a.doc.code > b.doc.code ? 1 : 0);
    });
    return out;
  }

  // ranges finds where the terms occur in text, merged and sorted, for
  // highlighting.
  function ranges(text, ts) {
    var n = normalize(text), rs = [];
    for (var i = 0; i < ts.length; i++) {
      var from = 0, at;
      while (ts[i] && (at = n.indexOf(ts[i], from)) >= 0) {
        rs.push([at, at + ts[i].length]);
        from = at + ts[i].length;
      }
    }
    rs.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    for (var j = 0; j < rs.length; j++) {
      var last = merged[merged.length - 1];
      if (last && rs[j][0] <= last[1]) last[1] = Math.max(last[1], rs[j][1]);
      else merged.push([rs[j][0], rs[j][1]]);
    }
    return merged;
  }

  // snippet cuts about len characters of text around the first match.
  function snippet(text, ts, len) {
    len = len || 80;
    var rs = ranges(text, ts);
    if (text.length <= len) return text;
    var start = rs.length ? Math.max(0, rs[0][0] - 20) : 0;
    var s = text.slice(start, start + len);
    return (start > 0 ? '…' : '') + s + (start + len < text.length ? '…' : '');
  }

  var core = { normalize: normalize, terms: terms, expand: expand, search: search, ranges: ranges, snippet: snippet };
  if (typeof module !== 'undefined' && module.exports) { module.exports = core; return; }

  // --- page ---

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // highlight appends text to parent with matches wrapped in <mark>,
  // building nodes rather than HTML so data can never become markup.
  function highlight(parent, text, ts) {
    var rs = ranges(text, ts), pos = 0;
    for (var i = 0; i < rs.length; i++) {
      if (rs[i][0] > pos) parent.appendChild(document.createTextNode(text.slice(pos, rs[i][0])));
      parent.appendChild(el('mark', null, text.slice(rs[i][0], rs[i][1])));
      pos = rs[i][1];
    }
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  var fieldLabel = { unit: '实施单位', dept: '主管部门', indicator: '绩效指标', goal: '当年绩效目标', overview: '项目概况', evaluation: '绩效自评' };

  function params() {
    var out = { q: '', year: '', dept: '', unit: '', min: '', max: '' };
    var s = window.location.search.replace(/^\?/, '');
    if (!s) return out;
    s.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      var k = decodeURIComponent((i < 0 ? kv : kv.slice(0, i)).replace(/\+/g, ' '));
      var v = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' '));
      if (Object.prototype.hasOwnProperty.call(out, k)) out[k] = v;
    });
    return out;
  }

  function run() {
    var idx = window.BUDGETSITE_SEARCH;
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    if (!status || !list) return;
    if (!idx) {
      status.textContent = '搜索索引未能加载（data/search-index.js）。请按年度、主管部门和实施单位浏览。';
      return;
    }
    var p = params();
    var form = document.getElementById('search-form');
    ['q', 'year', 'dept', 'unit', 'min', 'max'].forEach(function (k) {
      var input = form && form.elements[k];
      if (input) input.value = p[k];
    });
    var filtered = p.year || p.dept || p.unit || p.min || p.max;
    if (!p.q && !filtered) return;
    var docs = expand(idx);
    var ts = terms(p.q);
    var results = search(docs, p.q, p);
    list.textContent = '';
    var frag = document.createDocumentFragment();
    results.forEach(function (r) {
      var d = r.doc;
      var li = el('li', 'search-result');
      var h = el('h2', 'result-title');
      var a = el('a');
      a.href = d.page;
      highlight(a, d.name, ts);
      h.appendChild(a);
      li.appendChild(h);
      var meta = el('p', 'meta');
      var code = el('span');
      code.appendChild(document.createTextNode('项目编码 '));
      highlight(code, d.code, ts);
      meta.appendChild(code);
      meta.appendChild(el('span', null, d.year + '年'));
      var unit = el('span');
      highlight(unit, d.unit, ts);
      meta.appendChild(unit);
      meta.appendChild(el('span', null, d.funds + ' 万元'));
      li.appendChild(meta);
      if (r.field && ts.length) {
        var text = r.field === 'indicator' ? d.indicators.join('；') : d[r.field];
        var snip = el('p', 'snippet');
        snip.appendChild(el('span', 'snippet-label', fieldLabel[r.field] + '：'));
        highlight(snip, snippet(text, ts), ts);
        li.appendChild(snip);
      }
      frag.appendChild(li);
    });
    list.appendChild(frag);
    var what = p.q ? '“' + p.q + '”' : '所选条件';
    status.textContent = results.length
      ? '找到 ' + results.length + ' 个与' + what + '相关的项目。'
      : '没有找到与' + what + '相关的项目。请换个关键词，或减少筛选条件。';
    document.title = (p.q ? p.q + ' - ' : '') + document.title;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})(this);
