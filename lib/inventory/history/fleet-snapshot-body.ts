import { z } from "zod";

// What a fleet snapshot holds: the pools and reservations the capacity review's recommendations
// read (capacity, models served, reserved instances and their terms), live at the snapshot's time.
export const ZSnapshotPool = z
  .object({
    id: z.string(),
    chipFamily: z.enum(["trainium", "graviton"]),
    instanceType: z.string(),
    region: z.string(),
    minCapacity: z.number().int(),
    desiredCapacity: z.number().int(),
    maxCapacity: z.number().int(),
    modelIds: z.array(z.string()),
  })
  .strict();

export const ZSnapshotReservation = z
  .object({
    id: z.string(),
    poolId: z.string().nullable(),
    instanceType: z.string(),
    region: z.string(),
    instanceCount: z.number().int(),
    usdPerInstanceHour: z.number(),
    startAt: z.iso.datetime(),
    endAt: z.iso.datetime().nullable(),
  })
  .strict();

export const ZFleetSnapshotBody = z
  .object({ pools: z.array(ZSnapshotPool), reservations: z.array(ZSnapshotReservation) })
  .strict();
export type TFleetSnapshotBody = z.infer<typeof ZFleetSnapshotBody>;
