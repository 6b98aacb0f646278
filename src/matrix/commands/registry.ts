import { describeError, getLogger } from "../../logging/logger";
import { atLeast } from "../../core/permissions";
import type { Command, CommandContext } from "./command";

const log = getLogger("commands");

export class CommandRegistry {
  private readonly commands = new Map<string, Command>();

  add(command: Command): this {
    this.commands.set(command.name, command);
    return this;
  }

  list(): Command[] {
    return [...this.commands.values()];
  }

  async run(name: string, ctx: CommandContext): Promise<void> {
    const command = this.commands.get(name);
    if (!command) {
      const known = this.list().map((c) => `\`${c.name}\``).join(", ");
      const what = name ? `Unknown command \`${name}\`.` : "That was an empty command.";
      await ctx.reply(`${what} Commands: ${known}. Send \`help\` for details.`);
      return;
    }
    const needs = command.needs ?? "user";
    if (!atLeast(ctx.permission, needs)) {
      await ctx.reply(`\`${command.name}\` needs the **${needs}** permission; you have **${ctx.permission}**.`);
      return;
    }
    try {
      await command.run(ctx);
    } catch (err) {
      log.error("command failed", { command: command.name, roomId: ctx.roomId, error: describeError(err) });
      await ctx.reply(`\`${command.name}\` failed: ${describeError(err)}`);
    }
  }
}
