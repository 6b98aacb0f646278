import { networkId, type NetworkConnector, type NetworkId, type NetworkStatus, type ThirdPartyProtocol } from "../../core/networks/connector";

/** What differs between Meta's messaging products at this level. */
export interface MetaNetworkDescriptor {
  id: string;
  label: string;
  /** how the product identifies a person (WhatsApp id, page-scoped id, Instagram-scoped id) */
  userIdPattern: RegExp;
  protocol: Pick<ThirdPartyProtocol, "user_fields" | "location_fields" | "field_types">;
}

/**
 * A Meta product reached through the Graph API. Until an account is configured (issue #3 adds
 * accounts, webhooks and sending) it describes itself and validates ids, and says it has no
 * account to act through.
 */
export class MetaNetworkConnector implements NetworkConnector {
  readonly id: NetworkId;
  readonly label: string;
  private running = false;

  constructor(private readonly descriptor: MetaNetworkDescriptor) {
    this.id = networkId(descriptor.id);
    this.label = descriptor.label;
  }

  protocolFields() {
    return this.descriptor.protocol;
  }

  isValidUserId(remoteId: string): boolean {
    return this.descriptor.userIdPattern.test(remoteId);
  }

  async start(): Promise<void> {
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  status(): NetworkStatus {
    if (!this.running) return { state: "stopped", detail: "stopped" };
    return { state: "degraded", detail: "enabled, no account connected yet" };
  }
}
