import { ZInstant } from "@/lib/telemetry/sql/time-range";
import { parseRangeSearch } from "./range-search-params";

// The custom range form works in `datetime-local` values ("2026-12-04T10:00") read as UTC: the
// browser's widget has no time zone, and every time on the dashboard is UTC. These convert between
// those values, what a URL carries, and what people paste.

/** The UTC `datetime-local` value ("2026-12-04T10:00") for an instant as a URL or a person writes it; null if it is not one. */
export function toUtcInputValue(text: string | undefined): string | null {
  if (text === undefined) return null;
  const parsed = ZInstant.safeParse(text);
  if (!parsed.success) return null;
  const ms = Date.parse(parsed.data);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 16);
}

/** A form value as the URL carries it: explicitly UTC ("2026-12-04T10:00Z"). */
export function toUrlInstant(inputValue: string): string {
  return `${inputValue}Z`;
}

/**
 * What is wrong with the form's From and To, in the words a link with the same range would get
 * (the same rule as the server's); null when the range can be applied.
 */
export function customRangeFormProblem(from: string, to: string): string | null {
  if (!from || !to) return `pick both From and To (${!from ? "From" : "To"} is empty)`;
  return parseRangeSearch({ range: "custom", from: toUrlInstant(from), to: toUrlInstant(to) }).notice;
}
