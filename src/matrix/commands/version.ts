import { dependencyVersion } from "../../version";
import type { Command } from "./command";
import type { BridgeStatusSource } from "./status";

export function versionCommand(status: BridgeStatusSource): Command {
  return {
    name: "version",
    summary: "show the bridge's version",
    async run(ctx) {
      await ctx.reply(
        `Switchboard ${status.version} (Node ${process.version}, matrix-appservice-bridge ${dependencyVersion("matrix-appservice-bridge")})`,
      );
    },
  };
}
