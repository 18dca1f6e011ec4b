import { expect } from "vitest";

/**
 * An API amount (a "1234.56" decimal string) is the exact amount rounded to the cent: two decimals,
 * and within half a cent of the value the test computed on its own (1e-9 for float summing order).
 */
export function expectUsd(actual: string | null | undefined, exact: number, what?: string): void {
  expect(actual, what).toMatch(/^-?\d+\.\d{2}$/);
  expect(Math.abs(Number(actual) - exact), `${what ?? "amount"}: ${actual} vs ${exact}`).toBeLessThanOrEqual(
    0.005 + 1e-9 * Math.max(1, Math.abs(exact)),
  );
}
