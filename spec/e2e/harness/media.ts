import { strict as assert } from "node:assert";
import { avatarPng } from "../../../src/emulator/graph/png";
import type { TestClient } from "./client";

/** A small real PNG of a random colour, so every image differs. */
export function randomPng(): Buffer {
  const channel = () => Math.floor(Math.random() * 256);
  return avatarPng(8, [channel(), channel(), channel()]);
}

/** Downloads an mxc URI through the authenticated media API as the client's user. */
export async function downloadMedia(env: { homeserverUrl: string }, client: TestClient, mxc: string): Promise<Buffer> {
  const [, server, mediaId] = /^mxc:\/\/([^/]+)\/(.+)$/.exec(mxc)!;
  const response = await fetch(`${env.homeserverUrl}/_matrix/client/v1/media/download/${server}/${mediaId}`, {
    headers: { authorization: `Bearer ${client.user.accessToken}` },
  });
  assert.equal(response.status, 200);
  return Buffer.from(await response.arrayBuffer());
}

