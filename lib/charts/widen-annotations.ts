// An action a few minutes long is a 1-pixel sliver on a 24-hour chart. On screen each shaded span
// is at least a share of the axis (about 12 px of a 700 px chart); the list under the charts and the
// tooltip keep the exact times.
export const MIN_ANNOTATION_SHARE = 0.018;

/** Spans (epoch ms) widened to at least `share` of [start, end], kept inside it. */
export function widenSpans<S extends { from: number; to: number }>(
  spans: readonly S[],
  domain: { start: number; end: number },
  share = MIN_ANNOTATION_SHARE,
): S[] {
  const length = domain.end - domain.start;
  const min = Math.min(length, Math.round(length * share)); // whole milliseconds, like the axis
  return spans.map((s) => {
    if (s.to - s.from >= min) return s;
    const centre = (s.from + s.to) / 2;
    const from = Math.min(Math.max(domain.start, centre - min / 2), domain.end - min);
    return { ...s, from, to: from + min };
  });
}
