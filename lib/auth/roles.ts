import { z } from "zod";

// Roles, lowest to highest. viewer: read everything; operator: launch, drain, cancel;
// admin: approve risky actions and manage settings.
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const ZRole = z.enum(ROLES);

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

export type SessionUser = {
  /** Stable subject (OIDC `sub` or demo user id); what audit rows record as the actor. */
  id: string;
  name: string;
  role: Role;
  via: "oidc" | "demo";
};

/** The highest role whose configured groups intersect the user's groups claim. */
export function roleFromGroups(groups: string[], mapping: Record<Role, string[]>): Role | null {
  for (const role of [...ROLES].reverse()) {
    if (mapping[role].some((g) => groups.includes(g))) return role;
  }
  return null;
}
