import type { PortalRoomSpec } from "../core/matrix-port";
import { enc, type HomeserverClient } from "./homeserver-client";

/**
 * Creates a portal room as the bot, with bridge info and the ghost joined, and invites the users.
 * The bot, as creator, holds the room's power (no power-level override: room version 12 forbids
 * naming creators there, and in older versions an override would replace the creator's 100); the
 * ghost speaks at the default level.
 */
export async function createPortalRoom(client: HomeserverClient, botUserId: string, spec: PortalRoomSpec): Promise<string> {
  const initialState = spec.initialState.map((s) => ({ type: s.type, state_key: s.stateKey, content: s.content }));
  if (spec.avatarUrl) initialState.push({ type: "m.room.avatar", state_key: "", content: { url: spec.avatarUrl } });
  if (spec.encrypted) initialState.push({ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } });
  const { room_id: roomId } = await client.request<{ room_id: string }>("POST", "/_matrix/client/v3/createRoom", {
    userId: botUserId,
    body: {
      preset: "private_chat",
      visibility: "private",
      name: spec.name,
      topic: spec.topic,
      is_direct: true,
      invite: [spec.ghostUserId, ...spec.invite],
      initial_state: initialState,
    },
  });
  await client.request("POST", `/_matrix/client/v3/join/${enc(roomId)}`, { userId: spec.ghostUserId, body: {} });
  return roomId;
}
