const DAY_MS = 86_400_000;

/** Days from `at` to a reservation's end; null for a reservation without an end date (EndDateType unlimited). */
export function reservationDaysLeft(endAt: Date | null, at: Date): number | null {
  return endAt === null ? null : (endAt.getTime() - at.getTime()) / DAY_MS;
}

/** Prisma filter: reservations still running after `at` (no end date, or ending later). */
export const endsAfter = (at: Date) => ({ OR: [{ endAt: null }, { endAt: { gt: at } }] });
