import { createHash } from "node:crypto";
import { EMULATED_NETWORKS, type EmulatedNetwork } from "../types";
import type { Directory } from "./directory";
import { avatarPng } from "./png";
import type { RawRoute } from "./product";

const PREFIX = "/profile-pictures/";

export function profilePictureUrl(publicUrl: string, network: EmulatedNetwork, userId: string): string {
  return `${publicUrl}${PREFIX}${network}/${encodeURIComponent(userId)}.png`;
}

function colourFor(seed: string): [number, number, number] {
  const hash = createHash("sha256").update(seed).digest();
  return [hash[0]! % 176, hash[1]! % 176, hash[2]! % 176];
}

/** Serves a small PNG, coloured per user, for every user who has an avatar. */
export function profilePictureRoute(directory: Directory): RawRoute {
  return {
    pathPrefix: PREFIX,
    kinds: ["media"],
    handle({ url }) {
      const match = /^\/profile-pictures\/([a-z]+)\/([^/]+)\.png$/.exec(url.pathname);
      const network = EMULATED_NETWORKS.find((candidate) => candidate === match?.[1]);
      const user = network && match ? directory.user(network, decodeURIComponent(match[2]!)) : undefined;
      if (!network || !user?.withAvatar) return { status: 404, contentType: "text/plain", body: "no such picture", network: network ?? null, accountId: null };
      return { status: 200, contentType: "image/png", body: avatarPng(64, colourFor(`${network}/${user.id}`)), network, accountId: null };
    },
  };
}
