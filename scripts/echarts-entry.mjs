// Custom ECharts bundle for budgetsite: only the charts and components the
// site uses. Built by scripts/build-echarts.mjs into assets/vendor/echarts.min.js
// and exposed as the global `window.echarts`.
import * as echarts from 'echarts/core';
import { BarChart, PieChart, SunburstChart, LineChart, TreemapChart } from 'echarts/charts';
import {
  TitleComponent,
  TooltipComponent,
  LegendComponent,
  GridComponent,
  AriaComponent,
  DatasetComponent
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, PieChart, SunburstChart, LineChart, TreemapChart,
  TitleComponent, TooltipComponent, LegendComponent, GridComponent, AriaComponent, DatasetComponent,
  CanvasRenderer, SVGRenderer
]);

// Explicit assignment (rather than relying on esbuild's globalName) so the
// global exists even if the bundle is loaded in an unusual way.
var g = typeof window !== 'undefined' ? window : globalThis;
g.echarts = echarts;
