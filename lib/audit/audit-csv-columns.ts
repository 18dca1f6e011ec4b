import type { CsvColumn } from "@/lib/csv";
import type { TAuditEventDto } from "./audit-event-dto";

// One column list for the page's "rows shown" CSV and the server's full export, so both agree.
export const AUDIT_CSV_COLUMNS: CsvColumn<TAuditEventDto>[] = [
  { header: "id", value: (e) => e.id },
  { header: "at_utc", value: (e) => e.at },
  { header: "actor", value: (e) => e.actor },
  { header: "actor_role", value: (e) => e.actorRole },
  { header: "action", value: (e) => e.action },
  { header: "pool_id", value: (e) => e.poolId },
  { header: "model_id", value: (e) => e.modelId },
  { header: "outcome", value: (e) => e.outcome },
  { header: "repeat_count", value: (e) => e.repeatCount },
  { header: "last_repeat_at_utc", value: (e) => e.lastAt },
  { header: "reason", value: (e) => e.reason },
  { header: "message", value: (e) => e.message },
  {
    header: "params_json",
    value: (e) => (e.params === null || e.params === undefined ? null : JSON.stringify(e.params)),
  },
  { header: "source_ip", value: (e) => e.sourceIp },
  { header: "user_agent", value: (e) => e.userAgent },
];
