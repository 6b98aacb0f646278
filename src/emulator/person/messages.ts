import { messagingEnvelope } from "../graph/send-api/messaging-webhook";
import { attachmentMessageEvent, unsupportedEvent, type WebhookAttachment } from "../graph/send-api/person-events";
import type { InboundContacts, InboundFile, InboundLocation, InboundMedia, InboundMediaResult, InboundUnsupported } from "../person-types";
import type { InboundResult } from "../types";
import { whatsappContactsWebhook, whatsappLocationWebhook, whatsappMediaWebhook, whatsappUnsupportedWebhook } from "../whatsapp/person-webhooks";
import { actorFor, post, recordInbound, requireNetwork, type Actor, type PersonDeps } from "./person-context";

const FILE_KINDS = ["image", "video", "audio", "file", "sticker"];

function checkFile(file: InboundFile): void {
  if (!FILE_KINDS.includes(file.kind)) throw new Error(`file kind must be one of ${FILE_KINDS.join(", ")}`);
  if (!Buffer.isBuffer(file.data) || file.data.length === 0) throw new Error("a file needs data (a non-empty Buffer)");
  if (typeof file.mimeType !== "string" || !/^[a-z]+\/[a-z0-9.+-]+$/i.test(file.mimeType)) throw new Error("a file needs a MIME type");
}

function messageIdFor(deps: PersonDeps, actor: Actor, given: string | undefined): string {
  return given ?? deps.products.get(actor.network)!.newInboundMessageId(actor.account);
}

function whatsappMessage(actor: Actor, messageId: string, replyTo?: string) {
  return { account: actor.account, user: actor.user, senderName: actor.senderName, messageId, replyTo, sentAt: actor.sentAt };
}

/**
 * Files from a person. WhatsApp: one file, hosted as media of the receiving number (GET
 * /{media-id} with its token, then the 5-minute URL). Messenger/Instagram: attachments at URLs on
 * the emulator's CDN (a plain GET). Messenger stickers use the `sticker` type; Instagram sends
 * them as images.
 */
export async function inboundMedia(deps: PersonDeps, input: InboundMedia): Promise<InboundMediaResult> {
  const actor = actorFor(deps, input);
  if (!Array.isArray(input.files) || input.files.length === 0) throw new Error("inboundMedia needs at least one file");
  input.files.forEach(checkFile);
  const messageId = messageIdFor(deps, actor, input.messageId);
  let payload: unknown;
  let mediaRefs: string[];
  if (actor.network === "whatsapp") {
    if (input.files.length !== 1) throw new Error("a WhatsApp message carries exactly one file");
    const file = input.files[0]!;
    if (input.caption !== undefined && !["image", "video", "file"].includes(file.kind)) throw new Error(`a WhatsApp ${file.kind} has no caption`);
    const stored = deps.whatsappMedia.add(actor.account.id, file.mimeType, file.data, actor.now);
    mediaRefs = [stored.id];
    payload = whatsappMediaWebhook(whatsappMessage(actor, messageId, input.replyTo), deps.services.ledger, file, stored.id, input.caption);
  } else {
    const attachments = input.files.map((file): WebhookAttachment & { url: string } => {
      const url = deps.services.attachments.add(actor.network, actor.account.id, file.data, file.mimeType, file.fileName);
      const sticker = file.kind === "sticker";
      const type = sticker ? (actor.network === "messenger" ? "sticker" : "image") : file.kind;
      const payload = sticker && actor.network === "messenger" ? { url, sticker_id: 369239263222822 } : { url };
      return { type, payload, url };
    });
    mediaRefs = attachments.map((attachment) => attachment.url);
    const event = attachmentMessageEvent(actor.account, actor.user.id, actor.sentAt, {
      mid: messageId,
      text: input.caption,
      replyTo: input.replyTo,
      attachments: attachments.map(({ type, payload }) => ({ type, payload })),
    });
    payload = messagingEnvelope(actor.network === "messenger" ? "page" : "instagram", actor.account, actor.now, event);
  }
  recordInbound(deps, actor, messageId);
  return { ...(await post(deps, actor, "message", payload)), messageId, mediaRefs };
}

export async function inboundLocation(deps: PersonDeps, input: InboundLocation): Promise<InboundResult> {
  requireNetwork(input, ["whatsapp"], "location messages");
  const { latitude, longitude, name, address } = input.location ?? {};
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) throw new Error("a location needs latitude and longitude");
  const actor = actorFor(deps, input);
  const messageId = messageIdFor(deps, actor, input.messageId);
  const location = { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
  const payload = whatsappLocationWebhook(whatsappMessage(actor, messageId), deps.services.ledger, location);
  recordInbound(deps, actor, messageId);
  return { ...(await post(deps, actor, "message", payload)), messageId };
}

export async function inboundContacts(deps: PersonDeps, input: InboundContacts): Promise<InboundResult> {
  requireNetwork(input, ["whatsapp"], "contact messages");
  if (!Array.isArray(input.contacts) || input.contacts.length === 0) throw new Error("inboundContacts needs at least one contact");
  const actor = actorFor(deps, input);
  const messageId = messageIdFor(deps, actor, input.messageId);
  const payload = whatsappContactsWebhook(whatsappMessage(actor, messageId), deps.services.ledger, input.contacts);
  recordInbound(deps, actor, messageId);
  return { ...(await post(deps, actor, "message", payload)), messageId };
}

export async function inboundUnsupported(deps: PersonDeps, input: InboundUnsupported): Promise<InboundResult> {
  requireNetwork(input, ["whatsapp", "instagram"], "unsupported-message webhooks");
  const actor = actorFor(deps, input);
  const messageId = messageIdFor(deps, actor, input.messageId);
  const payload =
    actor.network === "whatsapp"
      ? whatsappUnsupportedWebhook(whatsappMessage(actor, messageId), deps.services.ledger, input.unsupportedType ?? "poll_update")
      : messagingEnvelope("instagram", actor.account, actor.now, unsupportedEvent(actor.account, actor.user.id, actor.sentAt, messageId));
  recordInbound(deps, actor, messageId);
  return { ...(await post(deps, actor, "message", payload)), messageId };
}
