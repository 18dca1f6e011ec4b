import { z } from "zod";

// Money in the API is an exact decimal string of dollars and cents ("1234.56", "-0.05"): a float
// such as -130524.00000000001 cannot leak, and a spreadsheet or a finance check reads the amount
// the page showed. Read models compute in float dollars; the DTO builder rounds once, to the cent,
// at the edge (usd()). Unit prices ($ per instance-hour, per 1M tokens) are not amounts and stay
// numbers (see fmtUsdPrice).

/** Dollars as a decimal string with exactly two decimals. */
export const ZUsd = z.string().regex(/^-?\d+\.\d{2}$/, "dollars with two decimals, e.g. 1234.56");
export type TUsd = z.infer<typeof ZUsd>;

/**
 * Float dollars to integer cents, rounded once, half away from zero. The float is first taken to
 * 9 significant decimals of a cent, so 1.005 (stored as 1.00499999999999989…) rounds to 101 cents
 * like the decimal it stands for, and sums such as 0.1 + 0.2 do not drift.
 */
export function toCents(dollars: number): number {
  if (!Number.isFinite(dollars)) throw new RangeError(`not a finite amount: ${dollars}`);
  const cents = Number((Math.abs(dollars) * 100).toFixed(6));
  const rounded = Math.floor(cents + 0.5);
  return dollars < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Integer cents as "1234.56" / "-0.05" (no float arithmetic: the digits are cut from the integer). */
export function centsToUsd(cents: number): TUsd {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer: ${cents}`);
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, "0");
  return `${cents < 0 ? "-" : ""}${whole}.${frac}`;
}

/** Float dollars rounded once to the cent, as the API's decimal string. */
export const usd = (dollars: number): TUsd => centsToUsd(toCents(dollars));

/** The same for an amount that may be missing (null stays null: never a made-up 0). */
export const usdOrNull = (dollars: number | null): TUsd | null => (dollars === null ? null : usd(dollars));

/** A decimal string back to integer cents, exactly (no parseFloat). */
export function usdToCents(value: TUsd): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`not a dollar amount: ${value}`);
  const cents = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === "-" ? -cents : cents;
}
