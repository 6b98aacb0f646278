/** History visibilities under which a joined member may read everything sent before, even before joining. */
const HISTORY_FOR_MEMBERS = new Set(["shared", "world_readable"]);

/** Whether a device of a user with that membership may get a room key from its first message on. */
export function readsWholeHistory(historyVisibility: string, membership: string | undefined): boolean {
  return membership === "join" && HISTORY_FOR_MEMBERS.has(historyVisibility);
}
