// An in-memory homeserver with just the endpoints the crypto engine uses, for unit tests and the
// benchmark: device creation, key upload/query/claim, cross-signing uploads, to-device messages,
// room members and state. It checks what a homeserver checks (the device exists, ids match) and
// keeps every to-device message for the test to deliver.
import type { ToDeviceEvent } from "../../../../src/matrix/appservice/transaction-body";
import { HomeserverClient } from "../../../../src/matrix/homeserver-client";

type Json = Record<string, unknown>;

interface DeviceState {
  keys?: Json;
  oneTimeKeys: Map<string, Json>;
  fallback?: { id: string; key: Json; used: boolean };
}

interface CrossSigning {
  master: Json;
  selfSigning: Json;
  userSigning: Json;
}

export interface LoggedRequest {
  method: string;
  path: string;
  userId?: string;
  deviceId?: string;
  body: Json;
}

export class FakeKeyServer {
  readonly devices = new Map<string, Map<string, DeviceState>>();
  readonly crossSigning = new Map<string, CrossSigning>();
  readonly toDevice: ToDeviceEvent[] = [];
  readonly requests: LoggedRequest[] = [];
  /** room id → user id → membership */
  readonly members = new Map<string, Map<string, string>>();
  /** room id → state type → content */
  readonly state = new Map<string, Map<string, Json>>();
  readonly registered = new Set<string>();
  /** rooms whose member list the server refuses (403), as for a user no longer in the room */
  readonly membersForbidden = new Set<string>();

  client(): HomeserverClient {
    return new HomeserverClient("http://fake.invalid", "as-token", (input, init) => this.fetch(input, init));
  }

  setMembership(roomId: string, userId: string, membership: string): void {
    if (!this.members.has(roomId)) this.members.set(roomId, new Map());
    this.members.get(roomId)!.set(userId, membership);
  }

  setState(roomId: string, type: string, content: Json): void {
    if (!this.state.has(roomId)) this.state.set(roomId, new Map());
    this.state.get(roomId)!.set(type, content);
  }

  /** Takes (removes) the queued to-device messages for the users that `accept` picks. */
  takeToDevice(accept: (event: ToDeviceEvent) => boolean = () => true): ToDeviceEvent[] {
    const taken = this.toDevice.filter(accept);
    const kept = this.toDevice.filter((event) => !accept(event));
    this.toDevice.length = 0;
    this.toDevice.push(...kept);
    return taken;
  }

  oneTimeKeyCount(userId: string, deviceId: string): number {
    return this.devices.get(userId)?.get(deviceId)?.oneTimeKeys.size ?? 0;
  }

  deviceKeys(userId: string, deviceId: string): Json | undefined {
    return this.devices.get(userId)?.get(deviceId)?.keys;
  }

  /** Adds a device directly (a peer made by hand in a test). */
  putDevice(userId: string, deviceId: string): DeviceState {
    if (!this.devices.has(userId)) this.devices.set(userId, new Map());
    const existing = this.devices.get(userId)!.get(deviceId);
    if (existing) return existing;
    const state: DeviceState = { oneTimeKeys: new Map() };
    this.devices.get(userId)!.set(deviceId, state);
    return state;
  }

  deleteDevice(userId: string, deviceId: string): void {
    this.devices.get(userId)?.delete(deviceId);
  }

  private async fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const method = init?.method ?? "GET";
    const body = init?.body ? (JSON.parse(String(init.body)) as Json) : {};
    const userId = url.searchParams.get("user_id") ?? undefined;
    const deviceId = url.searchParams.get("device_id") ?? undefined;
    const path = decodeURIComponent(url.pathname);
    this.requests.push({ method, path, userId, deviceId, body });
    try {
      return json(200, this.route(method, path, url, body, userId, deviceId));
    } catch (err) {
      if (err instanceof HttpError) return json(err.status, { errcode: err.errcode, error: err.message });
      throw err;
    }
  }

  private route(method: string, path: string, url: URL, body: Json, userId?: string, deviceId?: string): Json {
    const p = path.replace(/^\/_matrix\/client\/v3/, "");
    let m: RegExpMatchArray | null;
    if (method === "POST" && p === "/register") {
      this.registered.add(`@${String(body.username)}:fake`);
      return {};
    }
    if (method === "PUT" && (m = p.match(/^\/devices\/([^/]+)$/))) {
      this.putDevice(required(userId), m[1]);
      return {};
    }
    if (method === "POST" && p === "/keys/upload") return this.upload(required(userId), deviceId, body);
    if (method === "POST" && p === "/keys/device_signing/upload") {
      this.crossSigning.set(required(userId), {
        master: body.master_key as Json,
        selfSigning: body.self_signing_key as Json,
        userSigning: body.user_signing_key as Json,
      });
      return {};
    }
    if (method === "POST" && p === "/keys/signatures/upload") return this.signatures(body);
    if (method === "POST" && p === "/keys/query") return this.query(body);
    if (method === "POST" && p === "/keys/claim") return this.claim(body);
    if (method === "PUT" && (m = p.match(/^\/sendToDevice\/([^/]+)\/([^/]+)$/))) return this.sendToDevice(m[1], required(userId), body);
    if (method === "GET" && (m = p.match(/^\/rooms\/([^/]+)\/members$/))) {
      if (this.membersForbidden.has(m[1])) throw new HttpError(403, "M_FORBIDDEN", "not in the room");
      const notMembership = url.searchParams.get("not_membership");
      const chunk = [...(this.members.get(m[1]) ?? new Map<string, string>())]
        .filter(([, membership]) => membership !== notMembership)
        .map(([member, membership]) => ({ type: "m.room.member", state_key: member, sender: member, content: { membership } }));
      return { chunk };
    }
    if (method === "GET" && (m = p.match(/^\/rooms\/([^/]+)\/state\/([^/]+)\/?$/))) {
      const content = this.state.get(m[1])?.get(m[2]);
      if (!content) throw new HttpError(404, "M_NOT_FOUND", "no such state");
      return content;
    }
    throw new HttpError(404, "M_UNRECOGNIZED", `${method} ${path}`);
  }

  private upload(userId: string, deviceId: string | undefined, body: Json): Json {
    if (!deviceId) throw new HttpError(400, "M_MISSING_PARAM", "you must pass device_id");
    const device = this.devices.get(userId)?.get(deviceId);
    if (!device) throw new HttpError(400, "M_UNKNOWN_DEVICE", "unknown device");
    if (body.device_keys) {
      const keys = body.device_keys as Json;
      if (keys.user_id !== userId || keys.device_id !== deviceId) throw new HttpError(400, "M_INVALID_PARAM", "ids do not match");
      device.keys = structuredClone(keys);
    }
    for (const [id, key] of Object.entries((body.one_time_keys ?? {}) as Record<string, Json>)) {
      const existing = device.oneTimeKeys.get(id);
      if (existing && JSON.stringify(existing) !== JSON.stringify(key)) throw new HttpError(400, "M_INVALID_PARAM", `one-time key ${id} already exists`);
      device.oneTimeKeys.set(id, key);
    }
    for (const [id, key] of Object.entries((body.fallback_keys ?? {}) as Record<string, Json>)) {
      device.fallback = { id, key, used: false };
    }
    return { one_time_key_counts: { signed_curve25519: device.oneTimeKeys.size } };
  }

  private signatures(body: Json): Json {
    for (const [userId, byKey] of Object.entries(body as Record<string, Record<string, Json>>)) {
      for (const [deviceId, signed] of Object.entries(byKey)) {
        const device = this.devices.get(userId)?.get(deviceId);
        if (!device?.keys) throw new HttpError(400, "M_INVALID_PARAM", "no such device");
        const signatures = (device.keys.signatures ??= {}) as Record<string, Record<string, string>>;
        for (const [signer, sigs] of Object.entries(signed.signatures as Record<string, Record<string, string>>)) {
          signatures[signer] = { ...(signatures[signer] ?? {}), ...sigs };
        }
      }
    }
    return { failures: {} };
  }

  private query(body: Json): Json {
    const deviceKeys: Record<string, Record<string, Json>> = {};
    const masterKeys: Record<string, Json> = {};
    const selfSigningKeys: Record<string, Json> = {};
    for (const userId of Object.keys(body.device_keys as Json)) {
      deviceKeys[userId] = {};
      for (const [deviceId, device] of this.devices.get(userId) ?? []) if (device.keys) deviceKeys[userId][deviceId] = structuredClone(device.keys);
      const cs = this.crossSigning.get(userId);
      if (cs) {
        masterKeys[userId] = cs.master;
        selfSigningKeys[userId] = cs.selfSigning;
      }
    }
    return { device_keys: deviceKeys, master_keys: masterKeys, self_signing_keys: selfSigningKeys, failures: {} };
  }

  private claim(body: Json): Json {
    const result: Record<string, Record<string, Json>> = {};
    for (const [userId, byDevice] of Object.entries(body.one_time_keys as Record<string, Record<string, string>>)) {
      for (const deviceId of Object.keys(byDevice)) {
        const device = this.devices.get(userId)?.get(deviceId);
        if (!device) continue;
        const first = device.oneTimeKeys.entries().next();
        if (!first.done) {
          const [id, key] = first.value;
          device.oneTimeKeys.delete(id);
          (result[userId] ??= {})[deviceId] = { [id]: key };
        } else if (device.fallback) {
          device.fallback.used = true;
          (result[userId] ??= {})[deviceId] = { [device.fallback.id]: device.fallback.key };
        }
      }
    }
    return { one_time_keys: result, failures: {} };
  }

  private sendToDevice(type: string, sender: string, body: Json): Json {
    for (const [userId, byDevice] of Object.entries(body.messages as Record<string, Record<string, Json>>)) {
      for (const [deviceId, content] of Object.entries(byDevice)) {
        const targets = deviceId === "*" ? [...(this.devices.get(userId)?.keys() ?? [])] : [deviceId];
        for (const target of targets) this.toDevice.push({ type, sender, content, to_user_id: userId, to_device_id: target });
      }
    }
    return {};
  }

  /** Whether the device's fallback key has been handed out since it was uploaded. */
  fallbackUsed(userId: string, deviceId: string): boolean | undefined {
    return this.devices.get(userId)?.get(deviceId)?.fallback?.used;
  }

  /** What transactions would report for the device: one-time key count and unused fallback key types. */
  keyCounts(userId: string, deviceId: string): { count: number; unusedFallback: string[] } {
    const device = this.devices.get(userId)?.get(deviceId);
    return {
      count: device?.oneTimeKeys.size ?? 0,
      unusedFallback: device?.fallback && !device.fallback.used ? ["signed_curve25519"] : [],
    };
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
  ) {
    super(message);
  }
}

function required(value: string | undefined): string {
  if (!value) throw new HttpError(400, "M_MISSING_PARAM", "user_id is required");
  return value;
}

function json(status: number, body: Json): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
