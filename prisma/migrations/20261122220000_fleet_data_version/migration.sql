-- A version number for the fleet's non-telemetry data (models, pools, prices, reservations, the
-- commitment, pool actions), so read caches in every replica can key on it: any write to these
-- tables, from any process, moves it. A sequence, not a counter row: nextval takes no row lock,
-- so concurrent writers never queue on it (or deadlock through it).
CREATE SEQUENCE fleet_data_version;

-- Deferred to commit, so a reader that sees the new version almost always sees the new rows too
-- (the caches also expire within a minute, which bounds the remaining window).
CREATE FUNCTION bump_fleet_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('fleet_data_version');
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER model_bumps_fleet_version AFTER INSERT OR UPDATE OR DELETE ON "Model"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_fleet_data_version();
CREATE CONSTRAINT TRIGGER pool_bumps_fleet_version AFTER INSERT OR UPDATE OR DELETE ON "Pool"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_fleet_data_version();
CREATE CONSTRAINT TRIGGER pool_model_bumps_fleet_version AFTER INSERT OR UPDATE OR DELETE ON "PoolModel"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_fleet_data_version();
CREATE CONSTRAINT TRIGGER instance_price_bumps_fleet_version AFTER INSERT OR UPDATE OR DELETE ON "InstancePrice"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_fleet_data_version();
CREATE CONSTRAINT TRIGGER reservation_bumps_fleet_version AFTER INSERT OR UPDATE OR DELETE ON "CapacityReservation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_fleet_data_version();
CREATE CONSTRAINT TRIGGER commitment_bumps_fleet_version AFTER INSERT OR UPDATE OR DELETE ON "Commitment"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_fleet_data_version();
CREATE CONSTRAINT TRIGGER pool_action_bumps_fleet_version AFTER INSERT OR UPDATE OR DELETE ON "PoolAction"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_fleet_data_version();
CREATE CONSTRAINT TRIGGER action_approval_bumps_fleet_version AFTER INSERT OR UPDATE OR DELETE ON "ActionApproval"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_fleet_data_version();
CREATE CONSTRAINT TRIGGER pool_action_step_bumps_fleet_version AFTER INSERT OR UPDATE OR DELETE ON "PoolActionStep"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_fleet_data_version();
