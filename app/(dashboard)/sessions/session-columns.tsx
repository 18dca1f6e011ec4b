import type { ReactNode } from "react";
import { fmtUtc } from "@/components/format";
import type { TSessionList } from "@/lib/auth/session-dto";
import type { TableColumn } from "@/lib/table/table-column";

type Session = TSessionList["sessions"][number];

/** The live sessions' columns; `action` renders the revoke control (its state lives in the page). */
export function sessionColumns(ctx: { ownUserId: string; action: (s: Session) => ReactNode }): TableColumn<Session>[] {
  const time = (id: string, header: string, pick: (s: Session) => string, csvHeader: string): TableColumn<Session> => ({
    id,
    header,
    cell: (s) => fmtUtc(pick(s)),
    cellTitle: pick,
    sortValue: pick,
    descFirst: true,
    csv: [{ header: csvHeader, value: pick }],
  });
  return [
    {
      id: "user",
      header: "User",
      cell: (s) => (
        <>
          {s.userName} <span className="muted small">{s.userId}</span>
          {s.userId === ctx.ownUserId && <span className="badge">you</span>}
        </>
      ),
      sortValue: (s) => s.userName,
      filterText: (s) => `${s.userName} ${s.userId}`,
      csv: [
        { header: "user_id", value: (s) => s.userId },
        { header: "user_name", value: (s) => s.userName },
      ],
    },
    {
      id: "role",
      header: "Role",
      cell: (s) => s.role,
      sortValue: (s) => s.role,
      filterText: (s) => s.role,
      csv: [{ header: "role", value: (s) => s.role }],
    },
    {
      id: "via",
      header: "Via",
      cell: (s) => (s.via === "oidc" ? "single sign-on" : "demo"),
      sortValue: (s) => s.via,
      filterText: (s) => (s.via === "oidc" ? "single sign-on oidc" : "demo"),
      csv: [{ header: "via", value: (s) => s.via }],
    },
    time("created", "Signed in (UTC)", (s) => s.createdAt, "signed_in_utc"),
    time("last-seen", "Last used (UTC)", (s) => s.lastSeenAt, "last_used_utc"),
    time("idle-ends", "Ends if unused (UTC)", (s) => s.idleEndsAt, "ends_if_unused_utc"),
    {
      id: "source",
      header: "Source",
      cell: (s) => s.sourceIp ?? "—",
      cellClassName: () => "small",
      cellTitle: (s) => s.userAgent ?? undefined,
      sortValue: (s) => s.sourceIp,
      filterText: (s) => `${s.sourceIp ?? ""} ${s.userAgent ?? ""}`,
      csv: [
        { header: "source_ip", value: (s) => s.sourceIp },
        { header: "user_agent", value: (s) => s.userAgent },
      ],
    },
    { id: "action", header: "Action", cell: ctx.action },
  ];
}
