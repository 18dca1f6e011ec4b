import type { Role } from "./roles";

// Demo mode's users: one per role, and a second admin so the two-person rule can be tried.
export const DEMO_USERS: Array<{ id: string; name: string; role: Role }> = [
  { id: "demo-viewer", name: "Vera Viewer", role: "viewer" },
  { id: "demo-operator", name: "Omar Operator", role: "operator" },
  { id: "demo-admin", name: "Ada Admin", role: "admin" },
  { id: "demo-admin-2", name: "Abe Admin", role: "admin" },
];
