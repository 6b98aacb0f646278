import { isPlainObject } from "../../config/schema-dsl";

/** A room event as the homeserver pushes it (client-server event format). */
export interface RoomEvent {
  type: string;
  room_id: string;
  sender: string;
  event_id: string;
  origin_server_ts?: number;
  state_key?: string;
  content: Record<string, unknown>;
  unsigned?: Record<string, unknown>;
  /** redactions in room versions before 11 (later versions put it in content) */
  redacts?: string;
}

export interface EphemeralEvent {
  type: string;
  room_id?: string;
  content: Record<string, unknown>;
}

export interface ToDeviceEvent {
  type: string;
  sender: string;
  to_user_id: string;
  to_device_id: string;
  content: Record<string, unknown>;
}

export type DeviceKeyCounts = Record<string, Record<string, Record<string, number>>>;

/** One appservice transaction, with stable and unstable (MSC2409/MSC3202) field names merged. */
export interface AppserviceTransaction {
  events: RoomEvent[];
  ephemeral: EphemeralEvent[];
  toDevice: ToDeviceEvent[];
  deviceLists: { changed: string[]; left: string[] };
  oneTimeKeyCounts: DeviceKeyCounts;
  unusedFallbackKeyTypes: Record<string, Record<string, string[]>>;
}

export class MalformedTransactionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedTransactionError";
  }
}

function firstPresent(body: Record<string, unknown>, names: string[]): unknown {
  for (const name of names) if (body[name] !== undefined) return body[name];
  return undefined;
}

function listOf<T>(value: unknown, field: string, check: (item: Record<string, unknown>) => boolean): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedTransactionError(`${field} must be a list`);
  value.forEach((item, i) => {
    if (!isPlainObject(item) || !check(item)) throw new MalformedTransactionError(`${field}[${i}] is not a valid event`);
  });
  return value as T[];
}

const isString = (v: unknown): v is string => typeof v === "string";

const validRoomEvent = (e: Record<string, unknown>) =>
  isString(e.type) && isString(e.room_id) && isString(e.sender) && isString(e.event_id) && isPlainObject(e.content);

const validEphemeral = (e: Record<string, unknown>) => isString(e.type) && isPlainObject(e.content);

const validToDevice = (e: Record<string, unknown>) =>
  isString(e.type) && isString(e.sender) && isString(e.to_user_id) && isString(e.to_device_id) && isPlainObject(e.content);

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isString)) throw new MalformedTransactionError(`${field} must be a list of user ids`);
  return value;
}

function nestedMap<T>(value: unknown, field: string, leaf: (v: unknown) => v is T): Record<string, Record<string, T>> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new MalformedTransactionError(`${field} must be a mapping`);
  for (const [user, devices] of Object.entries(value)) {
    if (!isPlainObject(devices) || !Object.values(devices).every(leaf)) {
      throw new MalformedTransactionError(`${field}.${user} must map device ids to key data`);
    }
  }
  return value as Record<string, Record<string, T>>;
}

const isCountMap = (v: unknown): v is Record<string, number> => isPlainObject(v) && Object.values(v).every((n) => typeof n === "number");
const isTypeList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

export function parseTransaction(body: unknown): AppserviceTransaction {
  if (!isPlainObject(body)) throw new MalformedTransactionError("the body must be a JSON object");
  const deviceLists = firstPresent(body, ["device_lists", "org.matrix.msc3202.device_lists"]);
  if (deviceLists !== undefined && !isPlainObject(deviceLists)) throw new MalformedTransactionError("device_lists must be a mapping");
  return {
    events: listOf<RoomEvent>(body.events, "events", validRoomEvent),
    ephemeral: listOf<EphemeralEvent>(firstPresent(body, ["ephemeral", "de.sorunome.msc2409.ephemeral"]), "ephemeral", validEphemeral),
    toDevice: listOf<ToDeviceEvent>(firstPresent(body, ["to_device", "de.sorunome.msc2409.to_device"]), "to_device", validToDevice),
    deviceLists: {
      changed: stringList(deviceLists?.changed, "device_lists.changed"),
      left: stringList(deviceLists?.left, "device_lists.left"),
    },
    oneTimeKeyCounts: nestedMap(
      firstPresent(body, [
        "device_one_time_keys_count",
        "org.matrix.msc3202.device_one_time_keys_count",
        "org.matrix.msc3202.device_one_time_key_counts",
      ]),
      "device_one_time_keys_count",
      isCountMap,
    ),
    unusedFallbackKeyTypes: nestedMap(
      firstPresent(body, ["device_unused_fallback_key_types", "org.matrix.msc3202.device_unused_fallback_key_types"]),
      "device_unused_fallback_key_types",
      isTypeList,
    ),
  };
}
