import { strict as assert } from "node:assert";
import type { ChatKey, MediaSupport, NetworkConnector, OutgoingMedia } from "../../../src/core/networks/connector";
import { fromPlainText } from "../../../src/core/formatting/rich-text";
import { startFileServer, type FileServer } from "../emulator/support/file-server";
import { expectRefusal } from "./expect-refusal";
import { CASES, startHarness, type Harness } from "./harness";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const PNG = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.from("image bytes")]);
const TAG = { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" };

for (const c of CASES.filter((x) => x.network !== "whatsapp")) {
  describe(`${c.label}: the HUMAN_AGENT tag between 24 hours and 7 days`, () => {
    const chat: ChatKey = { network: c.network, chatId: c.person, receiver: c.account };
    /** What a plain answer carries: Messenger's RESPONSE; Instagram needs no messaging_type. */
    const plain = c.network === "messenger" ? { messaging_type: "RESPONSE" } : {};
    let agent: Harness;
    let files: FileServer;

    /** The person writes now; the emulator's clock (and the connector's) then moves on by `ms`. Returns when they wrote. */
    async function personWroteAgo(h: Harness, ms: number): Promise<number> {
      await h.emulator.inbound({ network: c.network, accountId: c.account, from: c.person, text: "I need help" });
      const wroteAt = h.emulator.now();
      h.emulator.advanceClock(ms);
      h.emulator.clearSent();
      return wroteAt;
    }

    const text = (h: Harness, words: string, lastInboundAt?: number) =>
      h.connectors.get(c.network)!.sendMessage(chat, { kind: "text", content: fromPlainText(words), ...(lastInboundAt === undefined ? {} : { lastInboundAt }) });
    const sentBodies = (h: Harness) => h.emulator.sent({ network: c.network, kind: "message" }).map((r) => r.body);

    before(async () => {
      agent = await startHarness({ humanAgent: true });
      files = await startFileServer();
    });

    it("answers inside 24 hours as usual, also with human_agent configured", async () => {
      const wroteAt = await personWroteAgo(agent, 2 * HOUR);
      await text(agent, "a quick answer", wroteAt);
      assert.deepEqual(sentBodies(agent), [{ recipient: { id: c.person }, ...plain, message: { text: "a quick answer" } }]);
    });

    it("answers again with the tag when Meta refuses a plain answer for the window the bridge thought open", async () => {
      await personWroteAgo(agent, 3 * DAY);
      // the bridge's record says the person just wrote (clock skew, a late webhook): Meta knows better
      const result = await text(agent, "after all", agent.emulator.now());
      assert.equal(result.messageIds.length, 1);
      assert.deepEqual(sentBodies(agent), [
        { recipient: { id: c.person }, ...plain, message: { text: "after all" } },
        { recipient: { id: c.person }, ...TAG, message: { text: "after all" } },
      ]);
    });

    it("answers with messaging_type MESSAGE_TAG and tag HUMAN_AGENT after 24 hours, within 7 days, when human_agent is configured", async () => {
      const wroteAt = await personWroteAgo(agent, 3 * DAY);
      const result = await text(agent, "sorry for the wait", wroteAt);
      assert.equal(result.messageIds.length, 1);
      const [request] = agent.emulator.sent({ network: c.network, kind: "message" });
      assert.equal(request!.status, 200);
      assert.deepEqual(request!.body, { recipient: { id: c.person }, ...TAG, message: { text: "sorry for the wait" } });
    });

    it("tags files and their captions too", async () => {
      const wroteAt = await personWroteAgo(agent, 6 * DAY);
      const media: OutgoingMedia = {
        kind: "image",
        data: PNG,
        mimeType: "image/png",
        fileName: "photo.png",
        caption: fromPlainText("the photo you asked for"),
        lastInboundAt: wroteAt,
        url: files.serve("photo.png", PNG, "image/png"),
      };
      const result = await (agent.connectors.get(c.network) as NetworkConnector & MediaSupport).sendMedia(chat, media);
      assert.equal(result.messageIds.length, 2);
      const [file, caption] = sentBodies(agent) as Record<string, unknown>[];
      assert.equal(file!.messaging_type, "MESSAGE_TAG");
      assert.equal(file!.tag, "HUMAN_AGENT");
      assert.deepEqual(caption, { recipient: { id: c.person }, ...TAG, message: { text: "the photo you asked for" } });
    });

    it("never tags without human_agent in the config: the answer is refused as outside the window, and the admin learns the option", async () => {
      const plainHarness = await startHarness();
      const wroteAt = await personWroteAgo(plainHarness, 3 * DAY);
      await expectRefusal(
        text(plainHarness, "too late?", wroteAt),
        "window-closed",
        new RegExp(
          `^The message was not sent: it has been more than 24 hours since this person last wrote on ${c.label}; they must write first, ` +
            `or an admin can let people answer for up to 7 days with networks\\.${c.network}\\.human_agent once the Meta app has the Human Agent permission\\.$`,
        ),
      );
      assert.deepEqual(sentBodies(plainHarness), [{ recipient: { id: c.person }, ...plain, message: { text: "too late?" } }]);
    });

    it("does not tag after 7 days: refused, saying it is too long even for a human agent", async () => {
      const wroteAt = await personWroteAgo(agent, 7 * DAY + HOUR);
      await expectRefusal(
        text(agent, "a week later", wroteAt),
        "window-closed",
        new RegExp(`^The message was not sent: it has been more than 7 days since this person last wrote on ${c.label}, too long even for a human agent's answer; they must write first\\.$`),
      );
      assert.deepEqual(sentBodies(agent), [{ recipient: { id: c.person }, ...plain, message: { text: "a week later" } }]);
    });

    it("does not tag when the bridge does not know when the person last wrote", async () => {
      await personWroteAgo(agent, 3 * DAY);
      await expectRefusal(text(agent, "no clock"), "window-closed", /more than 24 hours since this person last wrote/);
      assert.deepEqual(sentBodies(agent), [{ recipient: { id: c.person }, ...plain, message: { text: "no clock" } }]);
    });

    it("says the Meta app lacks the Human Agent permission when Meta refuses the tag", async () => {
      const noPermission = await startHarness({ humanAgent: true, appHasHumanAgent: false });
      const wroteAt = await personWroteAgo(noPermission, 2 * DAY);
      await expectRefusal(
        text(noPermission, "tagged", wroteAt),
        "permission",
        new RegExp(
          `^${c.label} refused the HUMAN_AGENT tag from account ${c.label} desk: the Meta app lacks the Human Agent permission\\. ` +
            `The message was not sent; an admin must get the permission approved in Meta's App Review, or set networks\\.${c.network}\\.human_agent to false\\.$`,
        ),
      );
      assert.deepEqual(sentBodies(noPermission), [{ recipient: { id: c.person }, ...TAG, message: { text: "tagged" } }]);
    });
  });
}
