import { expect, type Locator } from "@playwright/test";
import { fmtUsd } from "../components/format";

/** "$1,234.56" / "-$0.05" as shown → integer cents (read here, not with the code under test). */
export function shownCents(text: string): number {
  const m = /^(-?)\$([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`not an amount on screen: ${text}`);
  const cents = Number(m[2]!.replace(/,/g, "")) * 100 + Number(m[3]);
  return m[1] ? -cents : cents;
}

/**
 * A footed money column: each row's cell is within a cent of its amount from the database, the
 * total cell is the database's sum rounded once, and the rows' cents add up to it exactly.
 */
export async function expectFootedColumn(args: {
  cells: Array<{ cell: Locator; amount: number }>;
  total: Locator;
}): Promise<void> {
  let sum = 0;
  for (const { cell, amount } of args.cells) {
    await expect(cell).toHaveText(/^-?\$[\d,]+\.\d{2}$/);
    const cents = shownCents((await cell.textContent())!);
    expect(Math.abs(cents - amount * 100)).toBeLessThan(1);
    sum += cents;
  }
  const exact = args.cells.reduce((a, c) => a + c.amount, 0);
  await expect(args.total).toHaveText(fmtUsd(exact));
  expect(sum).toBe(shownCents((await args.total.textContent())!));
}
