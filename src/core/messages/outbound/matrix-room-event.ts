/** An event a Matrix user sent in a room, as the Matrix side hands it over (decrypted). */
export interface MatrixRoomEvent {
  roomId: string;
  eventId: string;
  sender: string;
  /** m.room.message, m.sticker, m.reaction or m.room.redaction */
  type: string;
  content: Record<string, unknown>;
  /** for redactions: the event taken back */
  redacts?: string;
}
