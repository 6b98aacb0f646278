import { strict as assert } from "node:assert";
import { attribute, DEFAULT_ATTRIBUTION } from "../../../src/core/conversations/attribution";
import { chooseOutgoing, type PortalWindow } from "../../../src/core/conversations/outgoing-choice";
import { describeWindow, windowState } from "../../../src/core/conversations/window";
import { toPlainText } from "../../../src/core/formatting/rich-text";
import type { PortalRecord } from "../../../src/store/records";

const H = 60 * 60 * 1000;
const meta24h = { freeFormMs: 24 * H, outsideWindow: "a template" };
const agent7d = { freeFormMs: 24 * H, humanAgentMs: 7 * 24 * H, outsideWindow: "nothing" };

describe("the messaging window clock", () => {
  it("is open for 24 hours after the person's last message, then closed", () => {
    assert.deepEqual(windowState(meta24h, 0, 23 * H), { state: "open", until: 24 * H, humanAgent: false });
    assert.deepEqual(windowState(meta24h, 0, 24 * H), { state: "closed", since: 24 * H });
    assert.deepEqual(windowState(meta24h, null, 0), { state: "unknown" });
  });

  it("stays open for a human agent up to 7 days where the app may use the tag", () => {
    assert.deepEqual(windowState(agent7d, 0, 30 * H), { state: "open", until: 7 * 24 * H, humanAgent: true });
    assert.deepEqual(windowState(agent7d, 0, 8 * 24 * H), { state: "closed", since: 7 * 24 * H });
  });

  it("describes itself in words", () => {
    assert.equal(describeWindow(windowState(meta24h, 0, 21 * H), 21 * H), "open for another 3 h");
    assert.equal(describeWindow(windowState(meta24h, 0, 72 * H), 72 * H), "closed for 2 days");
    assert.equal(describeWindow(windowState(meta24h, 0, 30 * H), 30 * H), "closed for 6 h");
  });
});

describe("the outgoing network of a contact room", () => {
  const portal = (network: string, lastInboundAt: number | null): PortalRecord => ({
    network, chatId: "x", receiver: "r", roomId: "!c:x", name: null, topic: null, avatarUrl: null, encrypted: false, lastInboundAt, createdAt: 0,
  });
  const at = (now: number, ...portals: PortalRecord[]): PortalWindow[] => portals.map((p) => ({ portal: p, window: windowState(meta24h, p.lastInboundAt, now) }));

  it("follows the network the person last wrote from while its window is open", () => {
    const choice = chooseOutgoing({ candidates: at(10 * H, portal("whatsapp", 1 * H), portal("messenger", 5 * H)) });
    assert.ok("portal" in choice);
    assert.equal(choice.portal.network, "messenger");
    assert.equal(choice.why, "last-written");
  });

  it("moves to the other network when the last one's window closed", () => {
    const choice = chooseOutgoing({ candidates: at(30 * H, portal("whatsapp", 10 * H), portal("messenger", 5 * H)) });
    assert.ok("portal" in choice && choice.portal.network === "whatsapp");
  });

  it("answers a reply on the replied message's network, and a chosen network before the clock", () => {
    const candidates = at(10 * H, portal("whatsapp", 1 * H), portal("messenger", 5 * H));
    const reply = chooseOutgoing({ candidates, replyToNetwork: "whatsapp", chosenNetwork: "messenger" });
    assert.ok("portal" in reply && reply.portal.network === "whatsapp" && reply.why === "reply");
    const chosen = chooseOutgoing({ candidates, chosenNetwork: "whatsapp" });
    assert.ok("portal" in chosen && chosen.portal.network === "whatsapp" && chosen.why === "chosen");
  });

  it("finds none when every window is closed", () => {
    const choice = chooseOutgoing({ candidates: at(100 * H, portal("whatsapp", 1 * H), portal("messenger", 5 * H)) });
    assert.ok("none" in choice && choice.none.length === 2);
  });
});

describe("attribution of relayed messages", () => {
  it("fills the template, keeps formatting, and never adds the remote id unless asked", () => {
    const body = [{ t: "bold" as const, children: [{ t: "text" as const, text: "hi" }] }];
    const fields = { displayname: "Max", network: "Messenger", id: "6543210987654321" };
    const text = attribute(DEFAULT_ATTRIBUTION, fields, body);
    assert.equal(toPlainText(text), "Max (Messenger): hi");
    assert.deepEqual(text[1], body[0]);
    assert.doesNotMatch(toPlainText(text), /6543210987654321/);
    assert.equal(toPlainText(attribute("[{network} {id}] {body}", fields, body)), "[Messenger 6543210987654321] hi");
  });
});
