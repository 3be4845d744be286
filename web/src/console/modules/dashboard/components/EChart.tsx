/**
 * A minimal React binding for echarts/core: init once on mount (SVG renderer), setOption on every new option,
 * events bound and unbound with the handlers, resize with the container, dispose on unmount.
 *
 * Why not echarts-for-react/esm/core: it imports `tslib` without declaring it as a dependency
 * (hustcc/echarts-for-react#512), and here tslib is only installed nested under echarts, so the build cannot
 * resolve it. This file is the part of that package the console needs.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { echarts } from '../echarts.ts';

/** ECharts passes event parameters of many shapes; handlers narrow what they read. */
export type EChartHandler = (params: unknown) => void;

export interface EChartProps {
  option: EChartsCoreOption;
  /** ECharts event name -> handler; keep the object stable (useMemo) so handlers are not rebound each render. */
  onEvents?: Record<string, EChartHandler>;
  style?: CSSProperties;
}

export function EChart({ option, onEvents, style }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onEvents) return;
    const entries = Object.entries(onEvents);
    for (const [name, handler] of entries) instance.on(name, handler);
    return () => {
      // The mount effect's cleanup may have disposed the instance already (it runs first).
      if (!instance.isDisposed()) for (const [name, handler] of entries) instance.off(name, handler);
    };
  }, [onEvents]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} style={style} />;
}
