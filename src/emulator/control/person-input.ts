import { isPlainObject } from "../graph/params";
import type { GraphEmulator } from "../types";
import { EMULATED_NETWORKS } from "../types";
import { ControlInputError } from "./control-input";

type Fields = Record<string, unknown>;
type PersonAction = (target: PersonControlTarget, fields: Fields) => Promise<unknown>;

export type PersonControlTarget = Pick<
  GraphEmulator,
  "inboundMedia" | "inboundLocation" | "inboundContacts" | "inboundUnsupported" | "inboundReaction" | "inboundEdit" | "inboundDeletion" | "read" | "delivered" | "status"
>;

const TARGET = ["network", "accountId", "from", "name", "timestamp"];

function only(fields: Fields, allowed: readonly string[]): void {
  const unknown = Object.keys(fields).filter((key) => !allowed.includes(key));
  if (unknown.length) throw new ControlInputError(`unknown field(s): ${unknown.join(", ")} (known: ${allowed.join(", ")})`);
}

/** The person's chat; the emulator checks the values (an unknown account or network is a 400). */
function target(fields: Fields) {
  if (!EMULATED_NETWORKS.includes(fields.network as never)) throw new ControlInputError(`network must be one of ${EMULATED_NETWORKS.join(", ")}`);
  return fields as { network: (typeof EMULATED_NETWORKS)[number]; accountId: string; from: string; name?: string; timestamp?: number };
}

/** `files: [{kind, mimeType, fileName?, voice?, dataBase64}]` → InboundFile[] */
function files(value: unknown) {
  if (!Array.isArray(value) || value.length === 0) throw new ControlInputError("files must be a non-empty array");
  return value.map((file: unknown) => {
    if (!isPlainObject(file)) throw new ControlInputError("each file must be an object");
    only(file, ["kind", "mimeType", "fileName", "voice", "dataBase64"]);
    if (typeof file.dataBase64 !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(file.dataBase64)) throw new ControlInputError("dataBase64 must be the file's bytes in base64");
    const { dataBase64, ...rest } = file;
    return { ...(rest as { kind: "image"; mimeType: string; fileName?: string; voice?: boolean }), data: Buffer.from(dataBase64, "base64") };
  });
}

/** POST /_emulator/person/<action>: the GraphEmulator method of that name, with the body as its input. */
export const PERSON_ACTIONS: Record<string, PersonAction> = {
  media: (t, f) => {
    only(f, [...TARGET, "files", "caption", "messageId", "replyTo"]);
    return t.inboundMedia({ ...target(f), files: files(f.files), caption: f.caption as string | undefined, messageId: f.messageId as string | undefined, replyTo: f.replyTo as string | undefined });
  },
  location: (t, f) => {
    only(f, [...TARGET, "location", "messageId"]);
    return t.inboundLocation({ ...target(f), location: f.location as { latitude: number; longitude: number }, messageId: f.messageId as string | undefined });
  },
  contacts: (t, f) => {
    only(f, [...TARGET, "contacts", "messageId"]);
    return t.inboundContacts({ ...target(f), contacts: f.contacts as Record<string, unknown>[], messageId: f.messageId as string | undefined });
  },
  unsupported: (t, f) => {
    only(f, [...TARGET, "unsupportedType", "messageId"]);
    return t.inboundUnsupported({ ...target(f), unsupportedType: f.unsupportedType as string | undefined, messageId: f.messageId as string | undefined });
  },
  reaction: (t, f) => {
    only(f, [...TARGET, "messageId", "emoji", "reaction"]);
    return t.inboundReaction({ ...target(f), messageId: f.messageId as string, emoji: f.emoji as string | undefined, reaction: f.reaction as string | undefined });
  },
  edit: (t, f) => {
    only(f, [...TARGET, "messageId", "text"]);
    return t.inboundEdit({ ...target(f), messageId: f.messageId as string, text: f.text as string });
  },
  deletion: (t, f) => {
    only(f, [...TARGET, "messageId"]);
    return t.inboundDeletion({ ...target(f), messageId: f.messageId as string });
  },
  read: (t, f) => {
    only(f, [...TARGET, "messageId", "watermark"]);
    return t.read({ ...target(f), messageId: f.messageId as string | undefined, watermark: f.watermark as number | undefined });
  },
  delivered: (t, f) => {
    only(f, [...TARGET, "messageIds", "watermark"]);
    return t.delivered({ ...target(f), messageIds: f.messageIds as string[], watermark: f.watermark as number | undefined });
  },
  status: (t, f) => {
    only(f, ["accountId", "messageId", "status", "error", "timestamp"]);
    return t.status(f as unknown as Parameters<GraphEmulator["status"]>[0]);
  },
};
