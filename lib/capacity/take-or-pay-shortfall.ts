import type { TCommitmentBurn } from "./capacity-dto";
import type { TakeOrPayShortfall } from "./recommendation-rules";

/**
 * The take-or-pay commitment still running whose forecast at its end falls furthest short of its
 * total (forecast − total < 0), or null when none does: the recommendations' take-or-pay rule.
 */
export function takeOrPayShortfallOf(burns: TCommitmentBurn[]): TakeOrPayShortfall | null {
  let worst: TakeOrPayShortfall | null = null;
  for (const b of burns) {
    const shortfallUsd = -Number(b.forecastVsTotalUsd);
    if (!b.takeOrPay || Date.parse(b.asOf) >= Date.parse(b.endAt) || shortfallUsd <= 0) continue;
    if (!worst || shortfallUsd > worst.shortfallUsd)
      worst = { commitmentName: b.name, endAt: new Date(b.endAt), shortfallUsd };
  }
  return worst;
}
