import type { TChipComparison } from "@/lib/models/model-dto";

const LABEL = { trainium: "Trainium", graviton: "Graviton" } as const;

/** "Graviton 31 % cheaper /1M tokens", or a dash for a model on one chip family only. */
export function ChipSavingBadge({ comparison, costLabel }: { comparison: TChipComparison | null; costLabel: string }) {
  if (!comparison) return <span className="muted">one family</span>;
  if (!comparison.cheaper || comparison.savingPct === null) return <span className="muted">no units to compare</span>;
  return (
    <span className="badge ok" data-cheaper={comparison.cheaper}>
      {LABEL[comparison.cheaper]} {comparison.savingPct.toFixed(0)} % cheaper {costLabel.replace("$", "")}
    </span>
  );
}
