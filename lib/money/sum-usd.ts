import { centsToUsd, usdToCents, type TUsd } from "./usd";

/** The exact sum of amounts already rounded to the cent (a filtered table's total of the rows shown). */
export const sumUsd = (amounts: readonly TUsd[]): TUsd => centsToUsd(amounts.reduce((s, a) => s + usdToCents(a), 0));
