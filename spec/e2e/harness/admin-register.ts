import { createHmac, randomBytes } from "node:crypto";
import { requestJson } from "./http-json";

export interface RegisterUserOptions {
  admin?: boolean;
  password?: string;
  displayName?: string;
}

export interface RegisteredUser {
  userId: string;
  password: string;
  accessToken: string;
  deviceId: string;
}

interface RegisterResponse {
  user_id: string;
  access_token: string;
  device_id: string;
}

/**
 * Registers a user through Synapse's shared-secret admin API: fetch a nonce, then POST with an
 * HMAC-SHA1 over `nonce\0user\0password\0admin|notadmin` keyed by the shared secret.
 */
export async function registerUserWithSharedSecret(
  homeserverUrl: string,
  sharedSecret: string,
  localpart: string,
  options: RegisterUserOptions = {},
): Promise<RegisteredUser> {
  const endpoint = `${homeserverUrl}/_synapse/admin/v1/register`;
  const { nonce } = await requestJson<{ nonce: string }>("GET", endpoint);
  const password = options.password ?? randomBytes(12).toString("base64url");
  const admin = options.admin ?? false;
  const mac = createHmac("sha1", sharedSecret)
    .update([nonce, localpart, password, admin ? "admin" : "notadmin"].join("\0"))
    .digest("hex");
  const registered = await requestJson<RegisterResponse>("POST", endpoint, {
    nonce,
    username: localpart,
    password,
    admin,
    mac,
    ...(options.displayName === undefined ? {} : { displayname: options.displayName }),
  });
  return {
    userId: registered.user_id,
    password,
    accessToken: registered.access_token,
    deviceId: registered.device_id,
  };
}

/** Logs a registered user in again with their password: a new device of the same user. */
export async function loginWithPassword(homeserverUrl: string, user: RegisteredUser): Promise<RegisteredUser> {
  const login = await requestJson<RegisterResponse>("POST", `${homeserverUrl}/_matrix/client/v3/login`, {
    type: "m.login.password",
    identifier: { type: "m.id.user", user: user.userId },
    password: user.password,
  });
  return { userId: login.user_id, password: user.password, accessToken: login.access_token, deviceId: login.device_id };
}
