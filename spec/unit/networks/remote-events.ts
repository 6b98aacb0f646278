import { strict as assert } from "node:assert";
import type { RemoteEvent, RemoteMessage } from "../../../src/core/networks/connector";

/** The event as a RemoteMessage, failing the test when it is another kind. */
export function asMessage(event: RemoteEvent | undefined): RemoteMessage {
  assert.ok(event, "expected an event");
  assert.equal(event.kind, "message", `expected a message, got ${JSON.stringify(event)}`);
  return event as RemoteMessage;
}

/** A message's id, or the kind and event id of anything else. */
export function idOf(event: RemoteEvent): string {
  return event.kind === "message" ? event.messageId : `${event.kind}:${event.eventId}`;
}
