"use client";
import dynamic from "next/dynamic";

// recharts is about a third of a page's first-load JavaScript. The charts draw in the browser
// only (they measure their container), so they load after the page's figures and tables are on
// screen, behind a placeholder of the chart's height.
const ChartPlaceholder = () => (
  <div className="skeleton" style={{ height: 240 }} aria-busy="true" aria-label="Loading chart" />
);

export const TimeSeriesChart = dynamic(() => import("./time-series-chart").then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: ChartPlaceholder,
});
export const CommitmentBurnChart = dynamic(() => import("./commitment-burn-chart").then((m) => m.CommitmentBurnChart), {
  ssr: false,
  loading: ChartPlaceholder,
});
