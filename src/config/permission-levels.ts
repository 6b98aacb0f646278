export const PERMISSION_LEVELS = ["relay", "user", "admin"] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];
