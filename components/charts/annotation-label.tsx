// The label of a shaded action span. recharts' own label is given the span's width and breaks its
// text to fit, so a narrow span showed "la" of "launch 2"; this one is drawn at full length, in rows
// so that neighbouring spans' labels do not overwrite each other, and ends at the span's right edge
// near the end of the axis so it stays inside the chart.
export function AnnotationLabel(props: {
  text: string;
  row: number;
  alignEnd: boolean;
  viewBox?: { x?: number; y?: number; width?: number; height?: number };
}) {
  const { x = 0, y = 0, width = 0 } = props.viewBox ?? {};
  return (
    <text
      x={props.alignEnd ? x + width - 3 : x + 3}
      y={y + 11 + props.row * 12}
      textAnchor={props.alignEnd ? "end" : "start"}
      fontSize={10}
      fill="var(--accent)"
      stroke="var(--panel)"
      strokeWidth={3}
      paintOrder="stroke"
    >
      {props.text}
    </text>
  );
}
