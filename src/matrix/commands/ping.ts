import { describeError } from "../../logging/logger";
import type { Command } from "./command";
import type { BridgeStatusSource } from "./status";

export function pingCommand(status: BridgeStatusSource): Command {
  return {
    name: "ping",
    summary: "check that the bridge, the homeserver and the networks are up",
    async run(ctx) {
      let homeserver: string;
      try {
        homeserver = `homeserver reaches the bridge in ${await status.pingHomeserver()} ms`;
      } catch (err) {
        homeserver = `the homeserver could not reach the bridge: ${describeError(err)}`;
      }
      const networks = status.networks();
      const lines = networks.length
        ? networks.map((n) => `**${n.label}**: ${n.status.state} — ${n.status.detail}`)
        : ["no network is enabled (see networks in the config)"];
      await ctx.reply(`Pong! Switchboard ${status.version} is running; ${homeserver}.\n${lines.join("\n")}`);
    },
  };
}
