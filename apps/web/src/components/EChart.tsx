// A small wrapper around ECharts: init on a div, setOption when the option changes, resize with the window (and
// the container), dispose on unmount. Only the chart types and components the screens use are bundled.
import { useEffect, useRef } from 'react';
import { BarChart, FunnelChart, PieChart, type BarSeriesOption, type FunnelSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, FunnelChart, PieChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = ComposeOption<
  | BarSeriesOption
  | FunnelSeriesOption
  | PieSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export interface EChartProps {
  option: EChartOption;
  /** CSS height of the chart (the width follows its container). */
  height?: number | string;
  /** What the chart shows, for screen readers (the numbers are also in a table next to it). */
  label: string;
  testId?: string;
  className?: string;
  /** A click on a bar or funnel step: its index in the series' data. */
  onItemClick?: (dataIndex: number) => void;
}

export function EChart({ option, height = 300, label, testId, className, onItemClick }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clicked = useRef(onItemClick);
  clicked.current = onItemClick;

  useEffect(() => {
    const div = element.current;
    if (!div) return;
    const instance = init(div, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') clicked.current?.(params.dataIndex);
    });
    const resize = () => {
      if (!instance.isDisposed()) instance.resize();
    };
    window.addEventListener('resize', resize);
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(resize);
    observer?.observe(div);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a filtered view drops the series of the previous one instead of merging with it.
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  return <div ref={element} className={className ?? 'chart'} style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
