import { requirePageUser } from "@/lib/auth/get-page-user";
import { auditSearchObject } from "@/lib/audit/audit-filters";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { loadPageData } from "@/lib/http/load-page-data";
import { AuditClient } from "./client";

export const dynamic = "force-dynamic";

// Viewers may read the audit log: roles.ts gives viewers "read everything", and who changed the
// fleet is part of what an on-call engineer reads.
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer");
  const search = auditSearchObject(await searchParams);
  const result = await loadPageData(() => listAuditEvents({ query: search }));
  return (
    <>
      <header className="page-header">
        <h1>Audit log</h1>
      </header>
      <AuditClient
        initialSearch={search}
        initialData={result.ok ? result.data : null}
        initialError={result.ok ? null : result.message}
      />
    </>
  );
}
