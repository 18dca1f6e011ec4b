// A field path as people write it: models[2].sloP95Ms, commitments[0].yearlyPlanUsd.2026; keys
// that are not plain words are quoted (pools[0]["fleet-console/x"]); the empty path is "(root)".
export function formatFieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((p, i) =>
      typeof p === "number"
        ? `[${p}]`
        : /^[A-Za-z0-9_]+$/.test(String(p))
          ? `${i === 0 ? "" : "."}${String(p)}`
          : `[${JSON.stringify(String(p))}]`,
    )
    .join("");
}
