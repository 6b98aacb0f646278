import { helpCommand } from "./help";
import { pingCommand } from "./ping";
import { CommandRegistry } from "./registry";
import type { BridgeStatusSource } from "./status";
import { versionCommand } from "./version";

export function createCommands(prefix: string, status: BridgeStatusSource): CommandRegistry {
  const registry = new CommandRegistry();
  return registry.add(helpCommand(registry, prefix)).add(pingCommand(status)).add(versionCommand(status));
}
