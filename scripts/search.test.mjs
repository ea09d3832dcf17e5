// Tests of the search logic (assets/js/search.js) on a built site's index.
// Run by `go test ./generator -run SearchJS`, which builds the sample and
// sets BUDGETSITE_SEARCH_INDEX; or by hand:
//   BUDGETSITE_SEARCH_INDEX=public/data/search-index.js node --test scripts/search.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const core = require('../assets/js/search.js');

const indexPath = process.env.BUDGETSITE_SEARCH_INDEX || 'public/data/search-index.js';
const sandbox = { window: {} };
vm.runInNewContext(readFileSync(indexPath, 'utf8'), sandbox);
const idx = sandbox.window.BUDGETSITE_SEARCH;
const docs = core.expand(idx);
const codes = (rs) => rs.map((r) => r.doc.code);
const expectYears = (process.env.BUDGETSITE_EXPECT_YEARS || '').split(',').filter(Boolean).map(Number);

test('index loads as a plain script and expands', () => {
  assert.equal(idx.v, 1);
  assert.ok(docs.length >= 14, `only ${docs.length} docs`);
  for (const d of docs) {
    assert.match(d.page, /^\d{4}\/project\/[0-9A-Za-z]+\.html$/);
    assert.ok(d.name && d.unit && d.dept);
  }
  if (expectYears.length) assert.deepEqual([...idx.years], expectYears);
});

test('监察 finds 民生监察平台 project', () => {
  const rs = core.search(docs, '监察');
  assert.ok(codes(rs).includes('50011021T000000048438'), codes(rs).join());
  // The name match ranks first.
  assert.equal(rs[0].doc.code, '50011021T000000048438');
});

test('满意度 finds every project', () => {
  const rs = core.search(docs, '满意度');
  assert.equal(rs.length, docs.length);
});

test('a code or its last digits finds that project', () => {
  for (const q of ['50011021T000000048440', '48440', '０４８４４０'.slice(1)]) {
    const rs = core.search(docs, q);
    assert.ok(rs.length >= 1, q);
    assert.equal(rs[0].doc.code, '50011021T000000048440', q);
  }
  assert.equal(core.search(docs, '50011021t000000048440')[0].doc.code, '50011021T000000048440');
});

test('department and unit names, indicators, overview and goal are searched', () => {
  const unitHits = codes(core.search(docs, '电子政务中心'));
  const unitDocs = docs.filter((d) => d.unitCode === '103002');
  assert.ok(unitDocs.length >= 6 && unitDocs.every((d) => unitHits.includes(d.code)));
  assert.ok(core.search(docs, '人民政府办公室').length >= 14);
  const ind = core.search(docs, '会务保障率');
  assert.ok(ind.some((r) => r.doc.code === '50011022T000000155466' && r.field === 'indicator'));
  const ov = core.search(docs, '等级保护测评');
  assert.ok(ov.some((r) => r.doc.code === '50011021T000000048438' && r.field === 'overview'));
  const goal = core.search(docs, '政府文件正常流转');
  assert.ok(goal.some((r) => r.doc.code === '50011022T000000155478' && r.field === 'goal'));
});

test('terms separated by spaces must all match', () => {
  const both = core.search(docs, '监察 运维');
  assert.ok(both.length >= 1);
  assert.equal(core.search(docs, '监察 不存在的词').length, 0);
});

test('filters: year, department, unit, funds range', () => {
  const unit = core.search(docs, '', { unit: '103002' });
  assert.ok(unit.length >= 6 && unit.every((r) => r.doc.unitCode === '103002'));
  const range = core.search(docs, '满意度', { min: '100', max: '200' });
  assert.ok(range.length > 0 && range.every((r) => +r.doc.funds >= 100 && +r.doc.funds <= 200));
  assert.deepEqual(codes(core.search(docs, '满意度', { min: '150', max: '150' })).sort(), ['50011021T000000048439']);
  if (expectYears.length > 1) {
    for (const y of expectYears) {
      const rs = core.search(docs, '满意度', { year: String(y) });
      assert.ok(rs.length > 0 && rs.every((r) => r.doc.year === y), `year ${y}`);
    }
  }
});

test('highlight ranges and snippets', () => {
  assert.deepEqual(core.ranges('服务对象满意度', ['满意']), [[4, 6]]);
  assert.deepEqual(core.ranges('aAa', ['a']), [[0, 3]]);
  const s = core.snippet('一'.repeat(100) + '监察' + '二'.repeat(100), ['监察'], 40);
  assert.ok(s.includes('监察') && s.startsWith('…') && s.endsWith('…'));
});

test('no personal names are in the index', () => {
  const text = JSON.stringify(idx);
  for (const n of ['李云芳', '王茂全', '钱永秀', '林国文', '文治兰', '包达贵']) {
    assert.ok(!text.includes(n), n);
  }
});
