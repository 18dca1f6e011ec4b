import { z } from "zod";

// The review's month as the URL and API carry it (?month=2026-11, UTC calendar months).
export const ZReviewInput = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM")
      .optional(),
  })
  .strict();
export type TReviewInput = z.infer<typeof ZReviewInput>;

export const monthOf = (date: Date) => date.toISOString().slice(0, 7);

export function monthBounds(month: string): { start: Date; end: Date } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return { start: new Date(Date.UTC(y, m - 1, 1)), end: new Date(Date.UTC(y, m, 1)) };
}

/** Hours in a UTC calendar month: 672 (February), 696 (leap February), 720 or 744. */
export function hoursInMonth(month: string): number {
  const { start, end } = monthBounds(month);
  return (end.getTime() - start.getTime()) / 3_600_000;
}

export function previousMonth(month: string): string {
  return monthOf(new Date(monthBounds(month).start.getTime() - 86_400_000));
}

/** The picker's choices: this month and the `count - 1` before it, newest first. */
export function recentMonths(now: Date, count: number): string[] {
  const months = [monthOf(now)];
  while (months.length < count) months.push(previousMonth(months[months.length - 1]!));
  return months;
}

/** "November 2026" (UTC). */
export const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
