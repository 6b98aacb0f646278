import type { ConversationControls } from "../../core/conversations/controls";
import type { Command, CommandContext } from "./command";

function answer(run: (ctx: CommandContext) => Promise<string>) {
  return async (ctx: CommandContext) => {
    const text = await run(ctx);
    if (text) await ctx.reply(text);
  };
}

/** Commands for identity links, multi-network rooms, the outgoing network, windows and templates. */
export function conversationCommands(controls: ConversationControls): Command[] {
  return [
    {
      name: "link",
      usage: "<network>:<id> [<network>:<id>]",
      summary: "link a person's identities on two networks: their chats become one room",
      needs: "admin",
      run: answer((ctx) => controls.link(ctx.roomId, ctx.args, ctx.sender)),
    },
    { name: "unlink", usage: "<network>:<id>", summary: "undo a link", needs: "admin", run: answer((ctx) => controls.unlink(ctx.roomId, ctx.args)) },
    { name: "whois", usage: "[<network>:<id>]", summary: "show the identities linked to a person", run: answer((ctx) => controls.whois(ctx.roomId, ctx.args)) },
    { name: "via", usage: "<network>|auto", summary: "choose the network replies go out on in a contact room", run: answer((ctx) => controls.via(ctx.roomId, ctx.args)) },
    {
      name: "bridge",
      usage: "<network> <chat id> [account id]",
      summary: "bridge a chat into this room, next to chats on other networks",
      needs: "admin",
      run: answer((ctx) => controls.bridge(ctx.roomId, ctx.args)),
    },
    { name: "unbridge", usage: "<network> [chat id]", summary: "stop bridging a chat into this room", needs: "admin", run: answer((ctx) => controls.unbridge(ctx.roomId, ctx.args)) },
    { name: "status", summary: "what this room is bridged to, and each chat's messaging window", run: answer((ctx) => controls.roomStatus(ctx.roomId)) },
    { name: "templates", summary: "list the WhatsApp message templates you can send here", run: answer((ctx) => controls.listTemplates(ctx.roomId)) },
    {
      name: "template",
      usage: "<name> <language> [parameters…]",
      summary: "send a WhatsApp message template (the way to write after 24 hours)",
      run: answer((ctx) => controls.sendTemplate(ctx.roomId, ctx.args)),
    },
  ];
}
