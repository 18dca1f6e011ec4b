"use client";
import { useId, useState, type ClipboardEvent } from "react";
import { INSTANT_FORMS } from "@/lib/telemetry/sql/time-range";
import { customRangeFormProblem, toUrlInstant, toUtcInputValue } from "@/lib/url/custom-range-input";

/**
 * From and To of a custom range, as UTC `datetime-local` fields. Pasting a time as people write it
 * (ISO 8601 with any offset, `2026-12-04 10:00`) fills the field with its UTC value. A range the
 * server would refuse (From after To) is said inline and not applied. Keyed by the URL's range by
 * its caller, so Back and Forward reset the fields.
 */
export function CustomRangeForm({
  initialFrom,
  initialTo,
  onApply,
}: {
  initialFrom?: string;
  initialTo?: string;
  onApply: (range: { from: string; to: string }) => void;
}) {
  const [from, setFrom] = useState(toUtcInputValue(initialFrom) ?? "");
  const [to, setTo] = useState(toUtcInputValue(initialTo) ?? "");
  const [submitted, setSubmitted] = useState(false);
  const errorId = useId();
  // Said as soon as both are filled (From after To is visible at a glance); "empty" only on Apply.
  const problem = customRangeFormProblem(from, to);
  const shown = problem && (submitted || (from && to)) ? problem : null;

  const pasteInto = (set: (value: string) => void) => (e: ClipboardEvent<HTMLInputElement>) => {
    const value = toUtcInputValue(e.clipboardData.getData("text").trim());
    if (value === null) return;
    e.preventDefault();
    set(value);
  };
  const field = (label: string, value: string, set: (value: string) => void) => (
    <label>
      {label}
      <input
        type="datetime-local"
        step={60}
        value={value}
        onChange={(e) => set(e.target.value)}
        onPaste={pasteInto(set)}
        title={`UTC. Paste ${INSTANT_FORMS}`}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? errorId : undefined}
      />
    </label>
  );

  return (
    <form
      className="toolbar"
      aria-label="Custom time range (UTC)"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (!problem) onApply({ from: toUrlInstant(from), to: toUrlInstant(to) });
      }}
    >
      {field("From (UTC)", from, setFrom)}
      {field("To (UTC)", to, setTo)}
      <button type="submit">Apply</button>
      {shown && (
        <p id={errorId} className="field-error" role="alert">
          {shown}
        </p>
      )}
    </form>
  );
}
