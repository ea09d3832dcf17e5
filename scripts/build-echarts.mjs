// Bundles scripts/echarts-entry.mjs into assets/vendor/echarts.min.js
// (IIFE, minified, ES2018, deterministic). Run via `npm run build`;
// also runs automatically as the npm `postinstall` hook (so `npm ci` builds it).
import { build } from 'esbuild';
import { readFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'scripts', 'echarts-entry.mjs');
const outfile = join(root, 'assets', 'vendor', 'echarts.min.js');

const echartsPkg = JSON.parse(
  readFileSync(join(root, 'node_modules', 'echarts', 'package.json'), 'utf8')
);
const version = echartsPkg.version;

// Refuse versions with the known tooltip XSS (fixed in 6.1.0).
const [maj, min] = version.split('.').map((n) => parseInt(n, 10));
if (maj < 6 || (maj === 6 && min < 1)) {
  console.error(`echarts ${version} is too old: need >= 6.1.0`);
  process.exit(1);
}

mkdirSync(dirname(outfile), { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2018',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  treeShaking: true,
  define: {
    // ECharts checks __DEV__ for dev-only warnings; strip them.
    __DEV__: 'false',
    'process.env.NODE_ENV': '"production"'
  },
  banner: {
    js: `/*! ECharts ${version} | Apache License 2.0 | https://www.apache.org/licenses/LICENSE-2.0 */`
  },
  logLevel: 'warning'
});

const buf = readFileSync(outfile);
const gz = gzipSync(buf, { level: 9 });
const sha = createHash('sha256').update(buf).digest('hex');
const kb = (n) => (n / 1024).toFixed(1) + ' KiB';
console.log(
  `${relative(root, outfile)}: ${buf.length} bytes (${kb(buf.length)}), gzip ${gz.length} bytes (${kb(gz.length)}), sha256 ${sha}`
);
if (gz.length > 250 * 1024) {
  console.warn('warning: gzip size exceeds the 250 KB budget');
}
