// One headline figure with its label; `tone` colours it when it needs attention.
export function Kpi(props: {
  label: string;
  value: string;
  hint?: string;
  tone?: "bad" | "warn" | "ok";
  testId?: string;
}) {
  return (
    <div className="kpi" data-testid={props.testId}>
      <div className="label">{props.label}</div>
      <div className={`value ${props.tone === "bad" ? "bad-text" : ""}`} data-field="value">
        {props.value}
      </div>
      {props.hint && <div className="muted small">{props.hint}</div>}
    </div>
  );
}
