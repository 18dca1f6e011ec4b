"use client";
import { useEffect, useRef, useState, type ComponentProps } from "react";

/** How long keyboard browsing may rest on an option before it is applied. */
const KEYBOARD_SETTLE_MS = 1000;

/**
 * A select whose choice reloads data: a pointer choice applies at once, but arrow keys only browse
 * (Chromium fires `change` on every press of a closed select, which would reload the page per
 * press). A browsed option applies on Enter, on leaving the field, or after a second's rest.
 */
export function CommitSelect({
  value,
  onCommit,
  ...rest
}: Omit<ComponentProps<"select">, "onChange" | "value"> & { value: string; onCommit: (value: string) => void }) {
  const [pending, setPending] = useState<string | null>(null);
  const keyboard = useRef(false);
  const commit = (next: string | null) => {
    setPending(null);
    if (next !== null && next !== value) onCommit(next);
  };
  useEffect(() => {
    if (pending === null) return;
    const timer = setTimeout(() => commit(pending), KEYBOARD_SETTLE_MS);
    return () => clearTimeout(timer);
  });
  return (
    <select
      {...rest}
      value={pending ?? value}
      onKeyDown={(e) => {
        keyboard.current = true;
        if (e.key === "Enter" && pending !== null) {
          e.preventDefault();
          commit(pending);
        }
      }}
      onPointerDown={() => (keyboard.current = false)}
      onChange={(e) => (keyboard.current ? setPending(e.target.value) : commit(e.target.value))}
      onBlur={() => commit(pending)}
    />
  );
}
