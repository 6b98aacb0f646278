import { randomBytes } from "node:crypto";
import express from "express";
import type { MediaPublisher } from "../core/messages/outbound/outbound-media";

interface Published {
  data: Buffer;
  mimeType: string;
  expiresAt: number;
}

/**
 * Files a network fetches by URL (Instagram, Messenger by link): kept in memory for a few minutes
 * under an unguessable token, served on the webhook listener at <public_url>/media/<token>.
 */
export class PublicMediaCache implements MediaPublisher {
  private readonly files = new Map<string, Published>();

  constructor(
    private readonly publicUrl: string,
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async publish(data: Buffer, mimeType: string, fileName: string): Promise<string | undefined> {
    if (!this.publicUrl) return undefined;
    this.expire();
    const token = randomBytes(24).toString("base64url");
    this.files.set(token, { data, mimeType, expiresAt: this.now() + this.ttlMs });
    return `${this.publicUrl.replace(/\/$/, "")}/media/${token}/${encodeURIComponent(fileName)}`;
  }

  router(): express.Router {
    const router = express.Router();
    router.get("/media/:token/:name", (req, res) => {
      this.expire();
      const file = this.files.get(String(req.params.token));
      if (!file) {
        res.status(404).type("text/plain").send("Not found");
        return;
      }
      res.type(file.mimeType).set("cache-control", "no-store").send(file.data);
    });
    return router;
  }

  private expire(): void {
    const now = this.now();
    for (const [token, file] of this.files) if (file.expiresAt <= now) this.files.delete(token);
  }
}
