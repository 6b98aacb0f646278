import { strict as assert } from "node:assert";
import { E2E_SETUP_TIMEOUT_MS, getE2EEnvironment, uniqueLocalpart, type E2EEnvironment } from "../harness";

describe("who may use the bridge (end to end)", function () {
  let env: E2EEnvironment;

  before(async function () {
    this.timeout(E2E_SETUP_TIMEOUT_MS);
    // Users of this server may only be relayed; nobody here may use the bridge's commands.
    env = await getE2EEnvironment({ permissions: { localhost: "relay" } });
  });

  it("rejects the invite of a user without permission, saying why", async () => {
    const carol = await env.createClient(await env.registerUser(uniqueLocalpart("carol")));
    const dm = await carol.createDirectRoom(env.botUserId);
    await carol.waitForMembership(dm, env.botUserId, "leave", 20_000);
    const member = carol.matrix.getRoom(dm)!.currentState.getStateEvents("m.room.member", env.botUserId)!;
    assert.match(String(member.getContent().reason), /not allowed to use this bridge/);
  });
});
