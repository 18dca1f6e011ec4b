import { usd, type TUsd } from "./usd";

// The one format for dollars on screen and in server-written sentences. components/format.ts
// re-exports these beside the UI's other formats (compact chart ticks, rates, percentages).
const dash = "—";

/**
 * "$1,234.56" / "-$0.05": every amount on screen (not chart axes, not unit prices). Thousands
 * separators and always two decimals, so a column reads at one precision. An API amount (a decimal
 * string, lib/money) is formatted from its digits; a number is rounded once to the cent first.
 */
export function fmtUsd(v: TUsd | number | null | undefined): string {
  if (v == null) return dash;
  const [, sign, whole, cents] = /^(-?)(\d+)\.(\d{2})$/.exec(typeof v === "number" ? usd(v) : v) ?? [];
  if (whole === undefined) return dash;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign && /[1-9]/.test(whole + cents) ? "-" : ""}$${grouped}.${cents}`;
}

/**
 * "$0.4123", "$27.40", "$1,234.50": a unit price ($ per instance-hour, per 1M tokens), which is a
 * number in the API, not an amount: 4 significant digits, at least 2 decimals, thousands separators.
 */
export function fmtUsdPrice(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return dash;
  const abs = Math.abs(v);
  const decimals = abs === 0 ? 2 : Math.min(8, Math.max(2, 3 - Math.floor(Math.log10(abs))));
  const text = abs.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return `${v < 0 ? "-" : ""}$${text}`;
}
