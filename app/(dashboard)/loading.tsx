export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <div className="skeleton" style={{ height: 32, width: 240, marginBottom: 16 }} />
      <div className="kpis">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="skeleton" style={{ height: 70 }} />
        ))}
      </div>
      <div className="skeleton" style={{ height: 360 }} />
    </div>
  );
}
