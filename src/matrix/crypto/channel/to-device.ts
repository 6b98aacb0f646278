import { randomBytes } from "node:crypto";
import { enc } from "../../homeserver-client";
import type { CryptoContext } from "../context";
import type { JsonObject } from "../keys/signing";
import type { DeviceAddress } from "../types";

/** Messages per request: one request stays well under the homeserver's body size limit. */
const MESSAGES_PER_REQUEST = 100;

export interface ToDeviceMessage extends DeviceAddress {
  content: JsonObject;
}

/** Sends to-device messages as one of our users (and devices), in a few requests. */
export async function sendToDevice(
  ctx: CryptoContext,
  from: { userId: string; deviceId?: string },
  type: string,
  messages: readonly ToDeviceMessage[],
): Promise<void> {
  for (let i = 0; i < messages.length; i += MESSAGES_PER_REQUEST) {
    const body: Record<string, Record<string, JsonObject>> = {};
    for (const message of messages.slice(i, i + MESSAGES_PER_REQUEST)) {
      (body[message.userId] ??= {})[message.deviceId] = message.content;
    }
    const txnId = randomBytes(12).toString("hex");
    await ctx.client.request("PUT", `/_matrix/client/v3/sendToDevice/${enc(type)}/${txnId}`, {
      userId: from.userId,
      deviceId: from.deviceId,
      body: { messages: body },
    });
  }
}
