-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "lastAt" TIMESTAMPTZ(3),
ADD COLUMN     "repeatCount" INTEGER NOT NULL DEFAULT 1;


-- Still append-only: DELETE and TRUNCATE are refused, and the one UPDATE allowed is a refused
-- row's repeat count growing (with its lastAt); every other column must stay as it was.
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.outcome = 'refused'
     AND NEW."repeatCount" > OLD."repeatCount"
     AND (to_jsonb(NEW) - 'repeatCount' - 'lastAt') = (to_jsonb(OLD) - 'repeatCount' - 'lastAt') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only';
END
$$ LANGUAGE plpgsql;
