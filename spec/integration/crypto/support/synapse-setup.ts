// A real Synapse with an appservice registration for the crypto engine's integration tests.
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { startSynapse, type SynapseServer } from "../../../e2e/harness/synapse";
import { makeTempDir } from "../../../e2e/harness/temp-dir";
import { HomeserverClient, MatrixApiError } from "../../../../src/matrix/homeserver-client";
import type { AppserviceListener } from "./appservice-listener";

export const GHOST_PREFIX = "cryptoghost_";
export const BOT_LOCALPART = "cryptobot";

export interface CryptoSynapse {
  synapse: SynapseServer;
  client: HomeserverClient;
  botUserId: string;
  tempDir: string;
  ghost(name: string): string;
  isOurUser(userId: string): boolean;
  /** Registers one of the appservice's users (MSC4190 style: no login). */
  ensureRegistered(userId: string): Promise<void>;
}

export async function startCryptoSynapse(listener: AppserviceListener): Promise<CryptoSynapse> {
  const tempDir = makeTempDir("switchboard-crypto-it-");
  const asToken = randomBytes(24).toString("hex");
  const registrationPath = join(tempDir, "registration.yaml");
  await writeFile(
    registrationPath,
    stringify({
      id: "switchboard-crypto-test",
      url: listener.url,
      as_token: asToken,
      hs_token: randomBytes(24).toString("hex"),
      sender_localpart: BOT_LOCALPART,
      rate_limited: false,
      namespaces: { users: [{ exclusive: true, regex: `@${GHOST_PREFIX}.*:localhost` }], aliases: [], rooms: [] },
      receive_ephemeral: true,
      "de.sorunome.msc2409.push_ephemeral": true,
      "org.matrix.msc3202": true,
      "io.element.msc4190": true,
    }),
  );
  const synapse = await startSynapse({ dir: join(tempDir, "synapse"), appserviceRegistrations: [registrationPath], tempRoot: tempDir });
  const client = new HomeserverClient(synapse.url, asToken);
  const botUserId = `@${BOT_LOCALPART}:${synapse.serverName}`;
  const registered = new Set<string>([botUserId]);
  return {
    synapse,
    client,
    botUserId,
    tempDir,
    ghost: (name) => `@${GHOST_PREFIX}${name}:${synapse.serverName}`,
    isOurUser: (userId) => userId === botUserId || userId.startsWith(`@${GHOST_PREFIX}`),
    async ensureRegistered(userId) {
      if (registered.has(userId)) return;
      const username = userId.slice(1, userId.indexOf(":"));
      try {
        await client.request("POST", "/_matrix/client/v3/register", { body: { type: "m.login.application_service", username, inhibit_login: true } });
      } catch (err) {
        if (!(err instanceof MatrixApiError && err.errcode === "M_USER_IN_USE")) throw err;
      }
      registered.add(userId);
    },
  };
}
