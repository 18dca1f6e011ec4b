/** Lines per chart: past a dozen a chart is unreadable (and 60 models × 144 buckets is a large payload). */
export const CHART_MODELS = 12;

/** The models the overview charts draw: the costliest in the range (ties by id), listed by id. */
export function pickChartModels(
  totals: ReadonlyArray<{ key: string; spendUsd: number }>,
  limit = CHART_MODELS,
): string[] {
  return [...totals]
    .sort((a, b) => b.spendUsd - a.spendUsd || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((r) => r.key)
    .sort();
}
