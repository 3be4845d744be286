/**
 * The consumer page as server-rendered HTML: phone-first, one small inline style sheet, no script, no framework.
 * Every value is escaped; sections appear only when there is data for them.
 */
import { SITE_KIND_NAMES } from '../../../../../contracts/trace.ts';
import type { ConsumerView } from './consumer.service.ts';

const esc = (s: string | number) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const CSS = `*{box-sizing:border-box}body{margin:0;font:15px/1.55 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#f3f5f2}
main{max-width:560px;margin:0 auto;padding:12px 12px 32px}header{background:#2f6b3a;color:#fff;padding:16px 16px 14px;border-radius:0 0 14px 14px;margin:-12px -12px 12px}
h1{font-size:21px;margin:4px 0 2px}h2{font-size:15px;margin:0 0 8px;color:#2f6b3a}.sub{opacity:.85;font-size:13px}.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;word-break:break-all}
section{background:#fff;border-radius:12px;padding:14px;margin:0 0 10px;box-shadow:0 1px 2px rgba(0,0,0,.06)}dl{display:grid;grid-template-columns:6.5em 1fr;gap:4px 8px;margin:0}dt{color:#5f6b76}dd{margin:0}
.warn{background:#fdecea;color:#8a1c12;border:1px solid #f5c2bd}.warn p{margin:4px 0}.demo{display:inline-block;background:#fff3bf;color:#6b5200;border-radius:6px;padding:1px 8px;font-size:12px;margin-left:6px;vertical-align:middle}
ol{list-style:none;margin:0;padding:0 0 0 14px;border-left:2px solid #b7d3bc}li{position:relative;margin:0 0 10px}li:before{content:"";position:absolute;left:-21px;top:6px;width:10px;height:10px;border-radius:50%;background:#2f6b3a}
li .t{color:#5f6b76;font-size:13px}.pass{color:#2f6b3a;font-weight:600}.fail{color:#b42318;font-weight:600}.muted{color:#5f6b76;font-size:13px}
.map{display:block;width:100%;max-width:320px;height:auto;margin-top:8px}footer{text-align:center;color:#5f6b76;font-size:12px;margin-top:16px}
@media (min-width:900px){main{max-width:760px}header{border-radius:14px;margin:12px 0}.grid{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin-bottom:10px}.grid section{margin:0}}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}<footer>县域创新驱动发展平台 · 农畜产品质量安全追溯<br>Qixian product traceability</footer></main></body></html>`;
}

/** A time as Beijing time (UTC+8), which is what a consumer in China reads; unparseable text is shown as is. */
const time = (s: string) => {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return esc(s);
  return `${esc(new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '))}（北京时间）`;
};

/** A locator of the origin in Inner Mongolia's bounding box (97°–127° E, 37°–54° N): where, roughly, not a map. */
function locator(lat: number, lon: number): string {
  const x = ((lon - 97) / 30) * 300 + 10;
  const y = ((54 - lat) / 17) * 170 + 10;
  return `<svg class="map" viewBox="0 0 320 190" role="img" aria-label="产地位置示意 / origin locator"><rect x="10" y="10" width="300" height="170" rx="8" fill="#eef4ef" stroke="#b7d3bc"/><text x="18" y="28" font-size="11" fill="#5f6b76">内蒙古自治区范围示意 97°–127°E · 37°–54°N</text><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="9" fill="#2f6b3a" fill-opacity=".2"/><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="#2f6b3a"/></svg>`;
}

export function renderConsumerPage(v: ConsumerView): string {
  const warnings = v.warnings.length
    ? `<section class="warn" role="alert"><h2 style="color:#8a1c12">⚠ 警示 / Warning</h2>${v.warnings.map((w) => `<p>${esc(w.message)}</p>`).join('')}</section>`
    : '';
  const originCounty = `${v.operator.leagueName ? `${esc(v.operator.leagueName)} ` : ''}${esc(v.operator.countyName)}`;
  const coords =
    v.origin.lat !== null && v.origin.lon !== null
      ? `<dt>坐标</dt><dd>${v.origin.lat.toFixed(3)}°N, ${v.origin.lon.toFixed(3)}°E</dd>`
      : '';
  const origin = `<section><h2>产地 / Origin</h2><dl><dt>产地</dt><dd>内蒙古 ${originCounty}</dd>${
    v.origin.siteName
      ? `<dt>${esc(SITE_KIND_NAMES[v.origin.siteKind as keyof typeof SITE_KIND_NAMES] ?? '场所')}</dt><dd>${esc(v.origin.siteName)}（${esc(v.origin.divisionName)}）</dd>`
      : ''
  }${coords}</dl>${v.origin.lat !== null && v.origin.lon !== null ? locator(v.origin.lat, v.origin.lon) : ''}</section>`;
  const steps = v.steps.length
    ? `<section><h2>关键环节 / Key steps</h2><ol>${v.steps
        .map(
          (s) =>
            `<li><strong>${esc(s.stepName)}</strong>${s.isCorrected ? ' <span class="muted">（已更正 / corrected）</span>' : ''}<br><span class="t">${time(s.time)}</span></li>`,
        )
        .join('')}</ol></section>`
    : `<section><h2>关键环节 / Key steps</h2><p class="muted">暂无环节记录 / No steps recorded yet</p></section>`;
  const tests = v.inspections.length
    ? `<section><h2>检测 / Tests</h2><dl>${v.inspections
        .map(
          (i) =>
            `<dt>${time(i.time).slice(0, 10)}</dt><dd class="${i.result === 'fail' ? 'fail' : i.result === 'pass' ? 'pass' : ''}">${esc(i.resultName)}</dd>`,
        )
        .join('')}</dl></section>`
    : '';
  const national = v.nationalTraceCode ? `<dt>国家追溯码</dt><dd class="code">${esc(v.nationalTraceCode)}</dd>` : '';
  const gs1 = v.product.gtin
    ? `<dt>商品条码</dt><dd class="code">${esc(v.product.gtin)}${v.product.lot ? ` · 批号 ${esc(v.product.lot)}` : ''}</dd>`
    : '';
  const body = `<header><div class="sub">农畜产品追溯 / Product trace${v.isDemo ? '<span class="demo">演示数据 / demo</span>' : ''}</div><h1>${esc(v.product.name)}</h1><div class="sub">${esc(v.operator.name)} · ${originCounty}</div></header>
${warnings}<div class="grid"><section><h2>产品与批次 / Product and batch</h2><dl><dt>品类</dt><dd>${esc(v.product.category)}</dd><dt>批次数量</dt><dd>${esc(v.batch.quantity)} ${esc(v.batch.unit)}</dd><dt>生产日期</dt><dd>${esc(v.batch.producedOn)}</dd><dt>状态</dt><dd>${esc(v.statusName)}</dd>${gs1}<dt>追溯码</dt><dd class="code">${esc(v.traceCode)}</dd>${national}</dl></section>
<section><h2>生产经营主体 / Producer</h2><dl><dt>名称</dt><dd>${esc(v.operator.name)}</dd><dt>类型</dt><dd>${esc(v.operator.kindName)}</dd><dt>所在旗县</dt><dd>${originCounty}</dd></dl></section></div>
${origin}${steps}${tests}<section><h2>扫码记录 / Scans</h2><dl><dt>首次扫码</dt><dd>${v.scans.first ? time(v.scans.first) : '—'}</dd><dt>扫码次数</dt><dd>${esc(v.scans.count)}</dd></dl><p class="muted">首次扫码时间早于您购买的时间，说明此码已被他人查询过。/ A first scan before your purchase means someone else has looked this code up.</p></section>`;
  return page(`${v.product.name} · 追溯`, body);
}

export function renderNotFoundPage(message: string): string {
  return page(
    '未找到追溯码 / Trace code not found',
    `<header><div class="sub">农畜产品追溯 / Product trace</div><h1>未找到该追溯码</h1><div class="sub">Trace code not found</div></header><section><p>${esc(message)}</p><p class="muted">请核对包装上的追溯码，或向销售者、当地农牧部门核实。/ Check the code on the package, or ask the seller or the local agriculture office.</p></section>`,
  );
}
