/**
 * Business steps as the consumer page names them. CBV 2.0 steps come as `urn:epcglobal:cbv:bizstep:x`,
 * `https://ref.gs1.org/cbv/BizStep-x` or bare `x`; the platform's own steps that CBV lacks (planting, breeding,
 * input application, harvesting, recall) use `urn:qixian:bizstep:x`. Pure.
 */
const STEP_NAMES: Record<string, string> = {
  planting: '种植',
  breeding: '养殖',
  growing: '种植/养殖',
  commissioning: '种植/养殖',
  input_application: '投入品使用',
  harvesting: '收获',
  collecting: '收获',
  killing: '屠宰',
  slaughtering: '屠宰',
  inspecting: '检测',
  sampling: '检测',
  packing: '加工包装',
  repackaging: '加工包装',
  assembling: '加工包装',
  creating_class_instance: '加工包装',
  storing: '储存',
  holding: '储存',
  stocking: '储存',
  sensor_reporting: '储存',
  shipping: '发运',
  departing: '发运',
  transporting: '发运',
  loading: '发运',
  receiving: '收货',
  arriving: '收货',
  accepting: '收货',
  unloading: '收货',
  recalling: '召回',
  recall: '召回',
};

/** The step's short code (`shipping`) from any of its URI forms. */
export function bizStepCode(bizStep: string | null): string | null {
  if (!bizStep) return null;
  const m = /(?:bizstep:|BizStep-|^)([A-Za-z_]+)$/.exec(bizStep);
  return m?.[1] ?? null;
}

/** The step's Chinese name (the code itself for steps the page does not know). */
export function bizStepName(bizStep: string | null): string {
  const code = bizStepCode(bizStep);
  if (!code) return '记录';
  return STEP_NAMES[code] ?? code;
}

/** Whether a disposition says the goods failed an inspection. */
export function isNonConformant(disposition: string | null): boolean {
  return /non_conformant$/.test(disposition ?? '');
}
