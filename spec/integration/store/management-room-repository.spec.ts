import assert from "node:assert/strict";
import { storeTargets, useFreshStore } from "../support/store-targets";

for (const target of storeTargets) {
  describe(`ManagementRoomRepository on ${target.name}`, function () {
    const fresh = useFreshStore(target);

    it("adds a room and finds it", async function () {
      const rooms = fresh.store().managementRooms;
      const before = Date.now();
      const added = await rooms.add("!dm:example.org", "@alice:example.org");
      assert.equal(added.roomId, "!dm:example.org");
      assert.equal(added.userId, "@alice:example.org");
      assert.ok(added.createdAt >= before && added.createdAt <= Date.now());
      assert.deepEqual(await rooms.get("!dm:example.org"), added);
      assert.equal(await rooms.get("!other:example.org"), null);
    });

    it("adding a known room again changes nothing", async function () {
      const rooms = fresh.store().managementRooms;
      const first = await rooms.add("!dm:example.org", "@alice:example.org");
      const again = await rooms.add("!dm:example.org", "@mallory:example.org");
      assert.deepEqual(again, first);
      assert.deepEqual(await rooms.listByUser("@mallory:example.org"), []);
    });

    it("lists the rooms of one user", async function () {
      const rooms = fresh.store().managementRooms;
      await rooms.add("!a:example.org", "@alice:example.org");
      await rooms.add("!b:example.org", "@alice:example.org");
      await rooms.add("!c:example.org", "@bob:example.org");
      assert.deepEqual(
        (await rooms.listByUser("@alice:example.org")).map((room) => room.roomId).sort(),
        ["!a:example.org", "!b:example.org"],
      );
    });

    it("removes a room and reports whether there was one", async function () {
      const rooms = fresh.store().managementRooms;
      await rooms.add("!dm:example.org", "@alice:example.org");
      assert.equal(await rooms.remove("!dm:example.org"), true);
      assert.equal(await rooms.remove("!dm:example.org"), false);
      assert.equal(await rooms.get("!dm:example.org"), null);
      assert.deepEqual(await rooms.listByUser("@alice:example.org"), []);
    });
  });
}
