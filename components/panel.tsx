// A titled panel; `actions` sit at the right of the title (CSV download, print).
export function Panel(props: {
  title: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <section className={`panel ${props.className ?? ""}`} data-testid={props.testId} aria-label={props.title}>
      <h2>
        <span>{props.title}</span>
        {props.actions && <span className="toolbar">{props.actions}</span>}
      </h2>
      {props.children}
    </section>
  );
}
