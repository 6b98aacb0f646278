/** The contract every network implements: a small required core (issue #3 adds messaging). */

/** A network's id (also its Matrix third-party protocol id). Opaque to the core. */
export type NetworkId = string & { readonly __brand: "NetworkId" };

export function networkId(id: string): NetworkId {
  return id as NetworkId;
}

/** Matrix third-party protocol description (client-server spec, GET /thirdparty/protocol). */
export interface ThirdPartyFieldType {
  regexp: string;
  placeholder: string;
}

export interface ThirdPartyInstance {
  desc: string;
  icon?: string;
  fields: Record<string, string>;
  network_id: string;
}

export interface ThirdPartyProtocol {
  user_fields: string[];
  location_fields: string[];
  icon: string;
  field_types: Record<string, ThirdPartyFieldType>;
  instances: ThirdPartyInstance[];
}

export type NetworkState = "running" | "degraded" | "stopped";

export interface NetworkStatus {
  state: NetworkState;
  /** one line a user can read, e.g. "no account configured yet" */
  detail: string;
}

export interface NetworkConnector {
  readonly id: NetworkId;
  /** human name, e.g. "WhatsApp" */
  readonly label: string;
  /** the protocol's fields; the core adds the icon and instances */
  protocolFields(): Pick<ThirdPartyProtocol, "user_fields" | "location_fields" | "field_types">;
  /** whether a string is a well-formed user id on this network (used before creating a ghost) */
  isValidUserId(remoteId: string): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): NetworkStatus;
}
