/** What the bridge bot does on the homeserver (implemented with matrix-appservice-bridge intents). */
export interface BotClient {
  readonly userId: string;
  join(roomId: string): Promise<void>;
  leave(roomId: string, reason?: string): Promise<void>;
  send(roomId: string, content: Record<string, unknown>): Promise<string>;
  joinedMemberCount(roomId: string): Promise<number>;
}
