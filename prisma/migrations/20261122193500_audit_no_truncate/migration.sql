-- Append-only also against TRUNCATE (the row trigger from the earlier migration does not fire on it).
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
