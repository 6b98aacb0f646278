import type { PermissionLevel } from "../config/permission-levels";

const RANK: Record<PermissionLevel | "none", number> = { none: 0, relay: 1, user: 2, admin: 3 };

export type Permission = PermissionLevel | "none";

/**
 * The most specific entry wins: the exact user id, then the user's server name, then "*".
 * With no entries at all, users of the bridge's own homeserver get "user".
 */
export function permissionFor(userId: string, permissions: Record<string, PermissionLevel>, domain: string): Permission {
  const server = userId.slice(userId.indexOf(":") + 1);
  if (Object.keys(permissions).length === 0) return server === domain ? "user" : "none";
  return permissions[userId] ?? permissions[server] ?? permissions["*"] ?? "none";
}

export function atLeast(have: Permission, need: PermissionLevel): boolean {
  return RANK[have] >= RANK[need];
}

/** A network's own permissions replace the global ones when it has any. */
export function networkPermissionFor(
  userId: string,
  global: Record<string, PermissionLevel>,
  network: Record<string, PermissionLevel>,
  domain: string,
): Permission {
  return permissionFor(userId, Object.keys(network).length ? network : global, domain);
}
