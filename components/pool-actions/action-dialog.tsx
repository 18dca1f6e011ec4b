"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ZPoolActionPreviewRequest, type TPoolActionRequest } from "@/lib/fleet/actions/action-input";
import { describeActionInputIssues } from "@/lib/fleet/actions/action-input-messages";
import { launchOverMax } from "@/lib/fleet/actions/launch-over-max";
import { ApiError } from "@/lib/query-options/make-query-client";
import { poolActionsKey, postPoolActionPreview, postPoolActionRequest } from "@/lib/query-options/pool-actions-query";
import { PreviewSummary } from "./preview-summary";

type OverrideKey = keyof TPoolActionRequest["overrides"];

/** The server's sentence for each field it refused (ApiError.fields), if the error carries any. */
const fieldsOf = (error: Error | null): Record<string, string> => (error instanceof ApiError ? error.fields : {});
const INVALID = { outline: "2px solid var(--bad)", outlineOffset: 1 };

/**
 * Launch or drain, in three moves: preview (from current data), review the guardrails (overrides
 * need a reason), confirm by typing the pool's name with a reason. One idempotency key per dialog,
 * so a retried submit cannot create a second action.
 */
export function ActionDialog({
  poolId,
  kind,
  onClose,
}: {
  poolId: string;
  kind: "launch" | "drain";
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [mode, setMode] = useState<"count" | "all" | "to-max">("count");
  const [count, setCount] = useState("1");
  const [reason, setReason] = useState("");
  const [confirmName, setConfirmName] = useState("");
  const [overrides, setOverrides] = useState<Partial<Record<OverrideKey, string>>>({});
  useEffect(() => ref.current?.showModal(), []);

  const target = { kind, mode, ...(mode === "count" ? { count: Number(count) } : {}) };
  const preview = useMutation({ mutationFn: (t: typeof target) => postPoolActionPreview(poolId, t) });
  // A preview answers for the parameters it was asked about; changing them asks for a new one.
  const stale = JSON.stringify(preview.variables) !== JSON.stringify(target);
  const submit = useMutation({
    mutationFn: () =>
      postPoolActionRequest(
        poolId,
        {
          ...target,
          reason,
          confirmPoolName: confirmName,
          overrides: Object.fromEntries(Object.entries(overrides).filter(([, v]) => v)),
        },
        idempotencyKey,
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: poolActionsKey(poolId) });
      onClose();
    },
  });

  const verdict = stale ? undefined : preview.data?.guardrails;
  // Checked here with the server's own schema and words before asking, so a bad number never leaves the dialog.
  const checked = ZPoolActionPreviewRequest.safeParse(target);
  const inputError = checked.success ? null : describeActionInputIssues(checked.error.issues);
  const serverFields = { ...fieldsOf(preview.error), ...fieldsOf(submit.error) };
  const shown = !stale ? preview.data?.preview : undefined;
  const overMax = shown?.kind === "launch" ? launchOverMax(shown.capacity, shown.count) : null;
  const countError = inputError?.fields.count ?? (stale ? undefined : serverFields.count) ?? overMax;
  const missingOverride = verdict?.overridesRequired.some((o) => (overrides[o.key] ?? "").trim().length < 5) ?? true;
  const canConfirm =
    !!verdict &&
    verdict.refusals.length === 0 &&
    !missingOverride &&
    reason.trim().length >= 5 &&
    confirmName === poolId &&
    !submit.isPending;

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="action-dialog-title"
      className="panel"
      style={{ maxWidth: 760, width: "95vw", color: "var(--text)" }}
    >
      <h2 id="action-dialog-title">
        {kind === "launch" ? "Launch instances in" : "Drain instances from"} {poolId}
      </h2>
      <div className="toolbar">
        <label>
          How many
          <select aria-label="Mode" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            <option value="count">A number of instances</option>
            {kind === "drain" ? (
              <option value="all">The whole pool</option>
            ) : (
              <option value="to-max">Up to the pool&apos;s max</option>
            )}
          </select>
        </label>
        {mode === "count" && (
          <label>
            Instances
            <input
              aria-label="Instances"
              type="number"
              min={1}
              max={1000}
              value={count}
              onChange={(e) => setCount(e.target.value)}
              aria-invalid={countError ? true : undefined}
              aria-describedby={countError ? "action-count-error" : undefined}
              style={{ width: 90, ...(countError ? INVALID : {}) }}
            />
          </label>
        )}
        <button
          type="button"
          onClick={() => preview.mutate(target)}
          disabled={preview.isPending || inputError !== null}
        >
          {preview.isPending ? "Computing…" : "Preview"}
        </button>
      </div>
      {countError && (
        <p id="action-count-error" role="alert" className="bad-text" data-testid="count-error">
          {countError}
        </p>
      )}
      {inputError && inputError.message !== countError && (
        <p role="alert" className="bad-text">
          {inputError.message}
        </p>
      )}
      {preview.isError && !stale && preview.error.message !== countError && (
        <p role="alert" className="bad-text">
          {preview.error.message}
        </p>
      )}
      {preview.data && !stale && <PreviewSummary preview={preview.data.preview} />}
      {preview.data && stale && <p className="muted">The request changed: preview again.</p>}
      {verdict && (
        <div>
          {verdict.refusals.map((r) => (
            <p key={r} className="banner bad" role="alert">
              Refused: {r}
            </p>
          ))}
          {verdict.approvalReasons.map((r) => (
            <p key={r} className="banner warn">
              Needs a second admin&apos;s approval: {r}
            </p>
          ))}
          {verdict.overridesRequired.map((o) => (
            <label key={o.key} className="banner warn" style={{ display: "block" }}>
              Guardrail: {o.message}. Override it (a second admin must then approve) with a reason:
              <input
                aria-label={`Override reason: ${o.key}`}
                value={overrides[o.key] ?? ""}
                onChange={(e) => setOverrides({ ...overrides, [o.key]: e.target.value })}
                style={{ width: "100%", marginTop: 4 }}
              />
            </label>
          ))}
          <label style={{ display: "block", marginTop: 8 }}>
            Reason (recorded in the audit log)
            <textarea
              aria-label="Reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              aria-invalid={serverFields.reason ? true : undefined}
              style={{ width: "100%", ...(serverFields.reason ? INVALID : {}) }}
            />
          </label>
          <label style={{ display: "block", marginTop: 8 }}>
            Type <code>{poolId}</code> to confirm
            <input
              aria-label="Type the pool name to confirm"
              value={confirmName}
              onChange={(e) => setConfirmName(e.target.value)}
              aria-invalid={serverFields.confirmPoolName ? true : undefined}
              style={{ width: "100%", ...(serverFields.confirmPoolName ? INVALID : {}) }}
              autoComplete="off"
            />
          </label>
        </div>
      )}
      {submit.isError && (
        <p role="alert" className="bad-text">
          {submit.error.message}
        </p>
      )}
      <div className="toolbar" style={{ marginTop: 12, justifyContent: "flex-end" }}>
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" disabled={!canConfirm} onClick={() => submit.mutate()}>
          {kind === "launch" ? "Launch" : "Drain"}
        </button>
      </div>
    </dialog>
  );
}
