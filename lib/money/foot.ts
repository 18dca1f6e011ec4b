import { centsToUsd, toCents, type TUsd } from "./usd";

/**
 * Totals foot to their rows: the total is rounded once; rows are rounded by largest remainder so
 * they add up to it.
 *
 * Method (Hamilton's largest remainder): the total is rounded to cents once (half away from zero).
 * Each row is first truncated toward zero in cents; the cents still missing to reach the total are
 * handed out one each to the rows whose dropped remainders were largest (ties: the earlier row),
 * taking cents back from the rows with the smallest remainders when the truncations overshoot
 * (rows of mixed sign). Every row then differs from its exact value by less than one cent, and
 * Σ rows = total, exactly. Rounding each row on its own does not have that property: three rows of
 * $0.005 are $0.01 each, summing to $0.03, beside a rounded total of $0.02.
 */
export function footCents(amounts: number[]): { rows: number[]; total: number } {
  const total = toCents(amounts.reduce((s, a) => s + a, 0));
  // Work in exact-ish hundredths (the same 1e-6 cent guard as toCents).
  const exact = amounts.map((a) => Number((a * 100).toFixed(6)));
  const rows = exact.map((c) => Math.trunc(c) || 0); // || 0: no -0 cents
  const remainders = exact.map((c, i) => c - rows[i]!);
  let missing = total - rows.reduce((s, c) => s + c, 0);
  const order = remainders.map((_, i) => i);
  if (missing > 0) {
    order.sort((a, b) => remainders[b]! - remainders[a]! || a - b);
    for (let k = 0; missing > 0; k = (k + 1) % order.length, missing--) rows[order[k]!]! += 1;
  } else if (missing < 0) {
    order.sort((a, b) => remainders[a]! - remainders[b]! || a - b);
    for (let k = 0; missing < 0; k = (k + 1) % order.length, missing++) rows[order[k]!]! -= 1;
  }
  return { rows, total };
}

/** footCents as the API's decimal strings. */
export function footUsd(amounts: number[]): { rows: TUsd[]; total: TUsd } {
  const { rows, total } = footCents(amounts);
  return { rows: rows.map(centsToUsd), total: centsToUsd(total) };
}
