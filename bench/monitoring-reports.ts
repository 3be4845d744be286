/**
 * Monitoring report benchmark: the county diagnostic report and the region report (103 counties, choropleth) built
 * from fixtures, rendered as PDF and docx. Per step: wall time and the longest event-loop block (monitorEventLoopDelay
 * max: how long a request could wait behind the render), medians over `--runs`, beside a baseline measured in the same
 * run (a one-page document with one table, PDF). Charts are drawn cold in every run (their size varies by a point so
 * the chart cache misses), then the documents are laid out with the charts cached, as the report job does.
 * Writes the section "Monitoring reports (bench/monitoring-reports.ts)" of docs/BENCHMARKS.md unless --no-write.
 *
 *   npx tsx bench/monitoring-reports.ts [--runs 5] [--no-write]
 */
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { renderChartPng, renderDocx, renderPdf, type ReportDocument } from '../server/src/platform/documents/index.ts';
import { countyReportDocument } from '../server/src/modules/monitoring/reports/county-report.ts';
import { fixtureDiagnosis, fixtureRunResult } from '../server/src/modules/monitoring/reports/fixtures.test-helper.ts';
import { regionMap } from '../server/src/modules/monitoring/reports/region-map.ts';
import { regionReportDocument } from '../server/src/modules/monitoring/reports/region-report.ts';
import { extractRegionMap } from '@qixian/county-map';
import { REPO_ROOT } from './lib/child.ts';
import { upsertSubsection } from './lib/docs.ts';
import { fmtMs, fmtRatio, markdownTable, median } from './lib/stats.ts';
import { DEFAULT_REGION_CODE } from '../contracts/region.ts';

const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'no-write': { type: 'boolean', default: false } },
  strict: true,
});
const runs = Number(opts.runs);

interface Sample {
  ms: number;
  blockMs: number;
}

/** Wall time of `fn` and the longest stretch the event loop was blocked meanwhile. */
async function measure(fn: () => Promise<unknown>): Promise<Sample> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  // let the histogram's timer fire once more, so it records the last stretch
  await new Promise((r) => setTimeout(r, 5));
  h.disable();
  return { ms, blockMs: Math.max(0, h.max / 1e6 - 1) };
}

function charts(doc: ReportDocument) {
  return doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : [])));
}

/** The same document with every chart one point taller per `run`: a chart-cache miss, as for a new report. */
function resized(doc: ReportDocument, run: number): ReportDocument {
  return {
    ...doc,
    sections: doc.sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) =>
        b.kind === 'chart' ? { ...b, chart: { ...b.chart, height: (b.chart.height ?? 300) + run + 1 } } : b,
      ),
    })),
  };
}

const baseline: ReportDocument = {
  title: '基准文档',
  meta: { author: 'bench', createdAt: new Date('2026-03-05T02:00:00Z') },
  sections: [
    {
      heading: '一、表格',
      blocks: [
        { kind: 'paragraph', text: '一页、一个表格、没有图表的文档，作为同一次运行中的基准。' },
        {
          kind: 'table',
          caption: '十行表格',
          columns: [{ header: '旗县' }, { header: '数值' }],
          rows: Array.from({ length: 10 }, (_, i) => [`旗县${i + 1}`, i * 10]),
        },
      ],
    },
  ],
};

async function main(): Promise<void> {
  await regionMap();
  const counties = extractRegionMap().features.map((f) => ({ code: f.id, name: f.properties.name }));
  const result = fixtureRunResult({ counties, previous: true, demo: true });
  const generatedAt = new Date('2026-03-05T02:00:00Z');
  const cases: { name: string; build: () => ReportDocument }[] = [
    {
      name: 'county report (radar, trend)',
      build: () => countyReportDocument(result, fixtureDiagnosis(result, '150203'), { generatedAt }),
    },
    {
      name: 'region report (103 counties, map, 3 charts)',
      build: () => regionReportDocument(result, { generatedAt, map: DEFAULT_REGION_CODE }),
    },
  ];
  // warm-up: fonts parsed, ECharts and pdfkit loaded
  await renderPdf(baseline);
  await renderPdf(cases[0]!.build());

  const samples = new Map<string, Sample[]>();
  const add = (key: string, s: Sample) => samples.set(key, [...(samples.get(key) ?? []), s]);
  for (let run = 0; run < runs; run++) {
    add('baseline|pdf', await measure(() => renderPdf(baseline)));
    for (const c of cases) {
      let doc: ReportDocument = c.build();
      add(
        `${c.name}|build`,
        await measure(() => {
          doc = resized(c.build(), run);
          return Promise.resolve();
        }),
      );
      add(`${c.name}|charts`, await measure(() => Promise.all(charts(doc).map((spec) => renderChartPng(spec)))));
      add(`${c.name}|pdf`, await measure(() => renderPdf(doc)));
      add(`${c.name}|docx`, await measure(() => renderDocx(doc)));
    }
  }
  const base = median((samples.get('baseline|pdf') ?? []).map((s) => s.ms));
  const rows: string[][] = [];
  for (const [key, list] of samples) {
    const [name, step] = key.split('|');
    const ms = median(list.map((s) => s.ms));
    rows.push([
      name ?? '',
      step ?? '',
      fmtMs(ms),
      fmtRatio(ms / base),
      fmtMs(median(list.map((s) => s.blockMs))),
      fmtMs(Math.max(...list.map((s) => s.blockMs))),
    ]);
  }
  const table = markdownTable(
    ['document', 'step', 'wall (median)', 'x baseline PDF', 'longest block (median)', 'longest block (max)'],
    rows,
  );
  console.log(table);
  if (!opts['no-write']) {
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
    const content = [
      `Run ${new Date().toISOString().slice(0, 10)} on ${machine}, ${runs} runs: \`npx tsx bench/monitoring-reports.ts --runs ${runs}\`.`,
      '',
      table,
    ].join('\n');
    const intro =
      'Report jobs (platform/jobs, `monitoring.report`) render off the request path, one at a time per process; what ' +
      'still matters is how long one synchronous stretch blocks the event loop (other requests wait behind it). ' +
      '"charts" = ECharts SSR, outlined labels, resvg and PNG encoding, all in the chart worker thread ' +
      '(platform/documents/chart-thread.ts); "pdf"/"docx" = layout on the main thread with the charts cached.';
    const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
    upsertSubsection(file, 'Monitoring reports (bench/monitoring-reports.ts)', intro, 'Render', content);
    console.log(`written to ${path.relative(REPO_ROOT, file)}`);
  }
}

await main();
