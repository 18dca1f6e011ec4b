// The launch guardrail's sentence for a pool's maximum, shared by the server's refusal and the
// dialog's highlighted field, so both say the same thing. Client-safe.

/** "64 → 564 exceeds the pool maximum of 128 (at most 64 more)", or null within the maximum. */
export function launchOverMax(capacity: { desiredBefore: number; max: number }, count: number): string | null {
  const after = capacity.desiredBefore + count;
  if (after <= capacity.max) return null;
  const room = capacity.max - capacity.desiredBefore;
  return `${capacity.desiredBefore} → ${after} exceeds the pool maximum of ${capacity.max} (${
    room > 0 ? `at most ${room} more` : "it is already at its maximum"
  })`;
}
