import type { Command } from "./command";
import { helpCommand } from "./help";
import { pingCommand } from "./ping";
import { CommandRegistry } from "./registry";
import type { BridgeStatusSource } from "./status";
import { versionCommand } from "./version";

export function createCommands(prefix: string, status: BridgeStatusSource, more: Command[] = []): CommandRegistry {
  const registry = new CommandRegistry();
  registry.add(helpCommand(registry, prefix)).add(pingCommand(status)).add(versionCommand(status));
  for (const command of more) registry.add(command);
  return registry;
}
