import { Bridge, AppServiceRegistration } from "matrix-appservice-bridge";
import type { MatrixPort } from "../core/matrix-port";
import { getLogger } from "../logging/logger";
import type { BotClient } from "./bot/bot-client";
import type { Registration } from "./registration";

const log = getLogger("matrix");

export interface GatewayOptions {
  homeserverUrl: string;
  domain: string;
  registration: Registration;
}

/**
 * The bridge's hands on the homeserver: matrix-appservice-bridge's Bridge for intents (the bot
 * and the ghosts). Incoming traffic does not go through the Bridge: Switchboard serves the
 * appservice API itself (src/matrix/appservice/) so it can persist before acknowledging.
 */
export class BridgeGateway implements MatrixPort, BotClient {
  readonly bridge: Bridge;
  readonly domain: string;
  readonly userId: string;

  constructor(private readonly options: GatewayOptions) {
    this.domain = options.domain;
    this.userId = `@${options.registration.sender_localpart}:${options.domain}`;
    this.bridge = new Bridge({
      homeserverUrl: options.homeserverUrl,
      domain: options.domain,
      registration: AppServiceRegistration.fromObject({ ...options.registration }),
      // Switchboard keeps its state in its own store, and routes events itself.
      disableStores: true,
      disableContext: true,
      controller: {
        onEvent: () => log.error("unexpected: an event reached matrix-appservice-bridge's controller"),
      },
    });
  }

  async initialise(): Promise<void> {
    await this.bridge.initialise();
  }

  private intent(userId?: string) {
    return this.bridge.getIntent(userId);
  }

  async registerUser(userId: string): Promise<void> {
    await this.intent(userId).ensureRegistered();
  }

  async setDisplayName(userId: string, displayName: string): Promise<void> {
    await this.intent(userId).setDisplayName(displayName);
  }

  async createAlias(alias: string, roomId: string): Promise<void> {
    await this.intent().createAlias(alias, roomId);
  }

  /** The bot acts through the plain client: it is the appservice's sender, never a guest to register. */
  private get botClient() {
    return this.intent().matrixClient;
  }

  async join(roomId: string): Promise<void> {
    await this.botClient.joinRoom(roomId);
  }

  async leave(roomId: string, reason?: string): Promise<void> {
    await this.botClient.leaveRoom(roomId, reason);
  }

  async send(roomId: string, content: Record<string, unknown>): Promise<string> {
    return this.botClient.sendMessage(roomId, content);
  }

  async joinedMemberCount(roomId: string): Promise<number> {
    return (await this.botClient.getJoinedRoomMembers(roomId)).length;
  }

  /**
   * Registers the bot and brings its profile in line with the config. Registration comes first:
   * Synapse lets the appservice's sender set a profile without being registered, and refuses to
   * register it afterwards (500, duplicate profile row).
   */
  async setUpBot(displayName: string, avatarUrl: string): Promise<void> {
    await this.bridge.getIntent().ensureRegistered(true);
    const current = (await this.botClient.getUserProfile(this.userId).catch(() => ({}))) as {
      displayname?: string;
      avatar_url?: string;
    };
    if (displayName && current.displayname !== displayName) await this.botClient.setDisplayName(displayName);
    if (avatarUrl && current.avatar_url !== avatarUrl) await this.botClient.setAvatarUrl(avatarUrl);
  }

  /** Asks the homeserver to ping the bridge (client-server API, appservice ping); returns its duration. */
  async pingHomeserver(): Promise<number> {
    const id = encodeURIComponent(this.options.registration.id);
    const result = (await this.intent().matrixClient.doRequest("POST", `/_matrix/client/v1/appservice/${id}/ping`, null, {})) as {
      duration_ms: number;
    };
    return result.duration_ms;
  }
}
