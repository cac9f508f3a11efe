/**
 * An ECharts canvas whose shapes open what they count. A click on a bar, a slice or a point
 * reports its category and series; on a bar chart a click anywhere in a category's band (or on its
 * axis label) counts too, so a bar of 1 is as easy to hit as a bar of 100. Follows its container's
 * size. Keyboard and screen-reader users get the same links from the card's table view.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from '../../components/EChart.tsx';
import { useReducedMotion } from '../../hooks/useReducedMotion.ts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export interface ChartPick {
  /** Index into the category axis (bar, line) or the pie's data. */
  index: number;
  /** The series clicked, or null for a click in the band outside any bar. */
  series: number | null;
}

interface Props {
  option: ChartOption;
  height?: number;
  ariaLabel: string;
  /** Which axis holds the categories (bar and line charts); none for pies. */
  categoryAxis?: 'x' | 'y';
  /** How many categories there are (clicks beyond them are ignored). */
  categories: number;
  onPick: (pick: ChartPick) => void;
}

interface ClickParams {
  componentType?: string;
  seriesIndex?: number;
  dataIndex?: number;
  value?: unknown;
  /** The zrender event the click came from (the same object the zrender handler gets). */
  event?: object;
}

export function DrillChart({ option, height = 280, ariaLabel, categoryAxis, categories, onPick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const reduced = useReducedMotion();
  // the latest props, read by the handlers bound once
  const latest = useRef({ categoryAxis, categories, onPick, option });
  useEffect(() => {
    latest.current = { categoryAxis, categories, onPick, option };
  });

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    // zrender events a shape's own click (below) has handled: the band handler leaves them alone
    const handled = new WeakSet<object>();

    c.on('click', (raw) => {
      const p = raw as ClickParams;
      const { categories: n, onPick: pick, option: opt } = latest.current;
      if (p.componentType === 'series' && typeof p.dataIndex === 'number' && p.dataIndex < n) {
        if (p.event) handled.add(p.event);
        pick({ index: p.dataIndex, series: p.seriesIndex ?? null });
      } else if ((p.componentType === 'xAxis' || p.componentType === 'yAxis') && typeof p.value === 'string') {
        // an axis label (triggerEvent): its position on the axis
        const axis = (opt as { xAxis?: { data?: unknown[] }; yAxis?: { data?: unknown[] } })[p.componentType];
        const i = axis?.data?.indexOf(p.value) ?? -1;
        if (i >= 0 && i < n) {
          if (p.event) handled.add(p.event);
          pick({ index: i, series: null });
        }
      }
    });

    const bandAt = (x: number, y: number): number | null => {
      const { categoryAxis: axis, categories: n } = latest.current;
      if (!axis || !c.containPixel('grid', [x, y])) return null;
      const v = c.convertFromPixel({ gridIndex: 0 }, [x, y]) as number[] | number;
      const raw = Array.isArray(v) ? v[axis === 'x' ? 0 : 1] : v;
      if (typeof raw !== 'number' || Number.isNaN(raw)) return null;
      const i = Math.round(raw);
      return i >= 0 && i < n ? i : null;
    };
    const zr = c.getZr();
    zr.on('click', (e) => {
      const i = bandAt(e.offsetX, e.offsetY);
      if (i === null) return;
      // a bar's own click (above) names its series: whichever handler runs first, this one waits and leaves it that click
      setTimeout(() => {
        if (!handled.has(e)) latest.current.onPick({ index: i, series: null });
      }, 0);
    });
    zr.on('mousemove', (e) => {
      if (bandAt(e.offsetX, e.offsetY) !== null) zr.setCursorStyle('pointer');
    });

    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // "reduce motion" in the OS: bars and slices are drawn in place, not grown in
    chart.current?.setOption(reduced ? { ...option, animation: false } : option, true);
  }, [option, reduced]);

  return <div ref={ref} role="img" aria-label={ariaLabel} className="drill-chart" style={{ width: '100%', height }} />;
}
