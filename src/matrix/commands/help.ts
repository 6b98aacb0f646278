import { atLeast } from "../../core/permissions";
import type { Command } from "./command";
import type { CommandRegistry } from "./registry";

export function helpCommand(registry: CommandRegistry, prefix: string): Command {
  return {
    name: "help",
    summary: "list the commands",
    async run(ctx) {
      const lines = registry
        .list()
        .filter((c) => atLeast(ctx.permission, c.needs ?? "user"))
        .map((c) => `\`${c.name}${c.usage ? " " + c.usage : ""}\` — ${c.summary}`);
      await ctx.reply(
        "**Switchboard commands**\n" +
          lines.join("\n") +
          `\nIn this chat with me no prefix is needed; in other rooms start commands with \`${prefix}\`.`,
      );
    },
  };
}
