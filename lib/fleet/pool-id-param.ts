import { z } from "zod";

// A pool id as URLs carry it. Beside loadPool, which checks it, so lib/fleet need not import a page's DTOs.
export const ZPoolIdParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,199}$/, "a pool id is a lowercase slug");
