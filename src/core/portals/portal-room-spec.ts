import type { PortalRoomSpec } from "../matrix-port";
import type { ChatKey } from "../networks/connector";
import type { NetworkEntry } from "../networks/registry";

/** MSC2346 bridge-info state key: unique per bridge, network account and chat. */
export function bridgeStateKey(chat: ChatKey): string {
  return `net.switchboard://${chat.network}/${encodeURIComponent(chat.receiver)}/${encodeURIComponent(chat.chatId)}`;
}

export interface PortalRoomInput {
  entry: NetworkEntry;
  chat: ChatKey;
  contactName: string;
  accountLabel: string;
  ghostUserId: string;
  ghostAvatarUrl?: string;
  botUserId: string;
  invite: string[];
  encrypted: boolean;
}

/** What a new portal room looks like: named after the contact, with bridge info for clients. */
export function portalRoomSpec(input: PortalRoomInput): PortalRoomSpec {
  const { entry, chat, contactName, accountLabel } = input;
  const label = entry.connector.label;
  const bridgeInfo = {
    bridgebot: input.botUserId,
    creator: input.botUserId,
    protocol: { id: entry.connector.id, displayname: label, ...(entry.icon ? { avatar_url: entry.icon } : {}) },
    network: { id: chat.receiver, displayname: accountLabel },
    channel: { id: chat.chatId, displayname: contactName },
  };
  return {
    name: contactName,
    topic: `${label} chat with ${entry.connector.describeUser(chat.chatId)} through ${accountLabel}`,
    avatarUrl: input.ghostAvatarUrl,
    ghostUserId: input.ghostUserId,
    invite: input.invite,
    encrypted: input.encrypted,
    initialState: [
      { type: "m.bridge", stateKey: bridgeStateKey(chat), content: bridgeInfo },
      { type: "uk.half-shot.bridge", stateKey: bridgeStateKey(chat), content: bridgeInfo },
    ],
  };
}
