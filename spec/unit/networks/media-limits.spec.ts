import { strict as assert } from "node:assert";
import type { OutgoingMedia } from "../../../src/core/networks/connector";
import { NetworkError } from "../../../src/core/networks/network-error";
import { checkOutgoingMedia } from "../../../src/networks/meta/media-limits";
import { baseMimeType, formatBytes } from "../../../src/networks/meta/media-size";
import { networkMessageId, partMessageId } from "../../../src/networks/meta/message-parts";
import { isAnimatedWebp, WHATSAPP_MEDIA_LIMITS } from "../../../src/networks/whatsapp/media-limits";

const media = (extra: Partial<OutgoingMedia>): OutgoingMedia => ({ kind: "image", data: Buffer.from("x"), mimeType: "image/png", fileName: "x.png", ...extra });

function refusal(fn: () => unknown): NetworkError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof NetworkError);
    return err;
  }
  assert.fail("expected a refusal");
}

describe("outgoing media limits", () => {
  it("accepts a file within its kind's limit, MIME parameters and case ignored", () => {
    assert.deepEqual(checkOutgoingMedia(media({ mimeType: "Image/JPEG; q=1" }), WHATSAPP_MEDIA_LIMITS, "WhatsApp"), WHATSAPP_MEDIA_LIMITS.image);
    assert.ok(checkOutgoingMedia(media({ kind: "file", mimeType: "application/zip" }), { file: { maxBytes: 10, mimeTypes: ["*"] } }, "Messenger"));
  });

  it("refuses a kind the network lacks, a type it does not take, a size over the limit, and an empty file", () => {
    const noSticker = refusal(() => checkOutgoingMedia(media({ kind: "sticker" }), { image: { maxBytes: 10, mimeTypes: ["*"] } }, "Instagram"));
    assert.deepEqual([noSticker.reason, noSticker.userMessage], ["unsupported", "Instagram does not take stickers; the file was not sent."]);
    const type = refusal(() => checkOutgoingMedia(media({ mimeType: "image/gif" }), WHATSAPP_MEDIA_LIMITS, "WhatsApp"));
    assert.deepEqual([type.reason, type.detail], ["unsupported", "image type image/gif not accepted"]);
    const size = refusal(() => checkOutgoingMedia(media({ data: Buffer.alloc(6_500_000) }), WHATSAPP_MEDIA_LIMITS, "WhatsApp"));
    assert.deepEqual([size.reason, size.userMessage], ["unsupported", "The file is 6.2 MB; WhatsApp takes images of at most 5 MB, so it was not sent."]);
    assert.equal(refusal(() => checkOutgoingMedia(media({ data: Buffer.alloc(0) }), WHATSAPP_MEDIA_LIMITS, "WhatsApp")).reason, "invalid");
  });

  it("writes sizes as people read them and MIME types in their base form", () => {
    assert.deepEqual([formatBytes(512), formatBytes(100 * 1024), formatBytes(1536), formatBytes(16 * 1024 * 1024)], ["512 bytes", "100 KB", "1.5 KB", "16 MB"]);
    assert.equal(baseMimeType(" Audio/OGG; codecs=opus"), "audio/ogg");
  });

  it("tells animated WebP (VP8X with the animation flag) from still ones", () => {
    const header = (flags: number) => Buffer.concat([Buffer.from("RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0", "latin1"), Buffer.from([flags, 0, 0, 0])]);
    assert.equal(isAnimatedWebp(header(0x02)), true);
    assert.equal(isAnimatedWebp(header(0x10)), false);
    assert.equal(isAnimatedWebp(Buffer.from("RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0", "latin1")), false);
    assert.equal(isAnimatedWebp(Buffer.from("GIF89a")), false);
  });

  it("numbers the parts of a message with several attachments and finds the network's id again", () => {
    assert.deepEqual([0, 1, 2].map((i) => partMessageId("m_A-b", i)), ["m_A-b", "m_A-b#2", "m_A-b#3"]);
    assert.equal(networkMessageId("m_A-b#3"), "m_A-b");
    assert.equal(networkMessageId("wamid.HBg+/=="), "wamid.HBg+/==");
  });
});
