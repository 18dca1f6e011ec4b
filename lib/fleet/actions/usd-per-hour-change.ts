import type { ActionPreview } from "./action-preview-dto";

/**
 * How much the pool's bill per hour changes if the action is carried out: (spend + idle reserved
 * $/h) after − before, from the preview. Reserved capacity bills whether it is used or not, so a
 * launch into idle reserved instances changes it by 0 and only on-demand instances count. A preview
 * stored before `idleReserved.usdPerHourBefore` existed gives null (not known, never guessed).
 */
export function usdPerHourChange(preview: Pick<ActionPreview, "spendUsdPerHour" | "idleReserved">): number | null {
  const idleBefore = preview.idleReserved.usdPerHourBefore;
  if (idleBefore === undefined) return null;
  return (
    preview.spendUsdPerHour.after + preview.idleReserved.usdPerHourAfter - (preview.spendUsdPerHour.before + idleBefore)
  );
}

/** Dollars compared in whole cents, so $10.00 of float noise (9.999999…) is $10.00 against a $10 limit. */
export const toCents = (usdAmount: number) => Math.round(usdAmount * 100);
