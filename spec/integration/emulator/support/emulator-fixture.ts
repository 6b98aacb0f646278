import { startGraphEmulator, type EmulatorOptions, type EmulatorUser, type GraphEmulator } from "../../../../src/emulator";
import { registerTeardown } from "../../../support/fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

export const WA = { id: "106540352242922", token: "wa-token-A", secret: "wa-app-secret", wabaId: "102290129340398", phone: "15550783881" };
export const WA_OTHER = { id: "106540352242999", token: "wa-token-B", secret: "wa-app-secret" };
export const PAGE = { id: "104000000000001", token: "page-token", secret: "messenger-app-secret", appId: "1517776481860111" };
export const IG = { id: "17841400000000001", token: "ig-token", secret: "instagram-app-secret", appId: "1517776481860222" };

export const WA_USER = "16505551234";
export const PSID = "7100000000000001";
export const IGSID = "17900000000000001";

export const USERS: EmulatorUser[] = [
  { network: "whatsapp", id: WA_USER, name: "Sheena Nelson" },
  { network: "messenger", id: PSID, firstName: "Peter", lastName: "Chang", withAvatar: true },
  { network: "instagram", id: IGSID, name: "Ivy Gram", username: "ivy.gram", withAvatar: true },
];

export interface TestEmulator {
  emulator: GraphEmulator;
  receiver: WebhookReceiver;
}

/** An emulator with one account per network (two on WhatsApp) whose webhooks go to a local receiver. */
export async function startTestEmulator(overrides: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const receiver = await startWebhookReceiver();
  const common = { verifyToken: receiver.verifyToken };
  const emulator = await startGraphEmulator({
    accounts: [
      { network: "whatsapp", id: WA.id, accessToken: WA.token, appSecret: WA.secret, webhookUrl: `${receiver.url}/webhooks/whatsapp`, wabaId: WA.wabaId, displayPhoneNumber: WA.phone, ...common },
      { network: "whatsapp", id: WA_OTHER.id, accessToken: WA_OTHER.token, appSecret: WA_OTHER.secret, webhookUrl: `${receiver.url}/webhooks/whatsapp`, ...common },
      { network: "messenger", id: PAGE.id, accessToken: PAGE.token, appSecret: PAGE.secret, webhookUrl: `${receiver.url}/webhooks/messenger`, appId: PAGE.appId, name: "Coast Clothing", ...common },
      { network: "instagram", id: IG.id, accessToken: IG.token, appSecret: IG.secret, webhookUrl: `${receiver.url}/webhooks/instagram`, appId: IG.appId, name: "Coast Clothing IG", ...common },
    ],
    users: USERS,
    ...overrides,
  });
  registerTeardown(() => emulator.stop());
  return { emulator, receiver };
}

/** Lets a user write first, which opens the 24-hour window; returns the inbound message id. */
export async function userWrites(emulator: GraphEmulator, network: "whatsapp" | "messenger" | "instagram", text = "hello"): Promise<string> {
  const accountId = network === "whatsapp" ? WA.id : network === "messenger" ? PAGE.id : IG.id;
  const from = network === "whatsapp" ? WA_USER : network === "messenger" ? PSID : IGSID;
  const result = await emulator.inbound({ network, accountId, from, text });
  if (result.status !== 200) throw new Error(`the receiver answered ${result.status}`);
  return result.messageId;
}

/** A copy of a request body without one field, for "missing field" cases. */
export function without(body: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([name]) => name !== key));
}
