import assert from "node:assert/strict";
import type { DataSource } from "typeorm";
import type { CryptoAccountRecord, InboundGroupSessionRecord, OlmSessionRecord, OutboundGroupSessionRecord } from "../../../src/store";
import { openTestStore, storeTargets, useFreshStore } from "../support/store-targets";

const CRYPTO_TABLES = [
  "crypto_accounts",
  "crypto_olm_sessions",
  "crypto_outbound_group_sessions",
  "crypto_group_shares",
  "crypto_inbound_group_sessions",
  "crypto_devices",
  "crypto_tracked_users",
  "crypto_cross_signing_keys",
  "crypto_seen_megolm_indexes",
  "crypto_rooms",
];

async function existingTables(dataSource: DataSource, tables: readonly string[]): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const found: string[] = [];
    for (const table of tables) if (await runner.hasTable(table)) found.push(table);
    return found;
  } finally {
    await runner.release();
  }
}

async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM switchboard_migrations ORDER BY id`);
  return rows.map((row) => row.name);
}

/** Reverts migrations, newest first, until `name` is reverted too (whatever later migrations exist). */
async function revertThrough(dataSource: DataSource, name: string): Promise<void> {
  while ((await appliedMigrations(dataSource)).includes(name)) await dataSource.undoLastMigration({ transaction: "all" });
}

async function columnNames(dataSource: DataSource, table: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    return ((await runner.getTable(table))?.columns ?? []).map((column) => column.name);
  } finally {
    await runner.release();
  }
}

const T0 = 1_800_000_000_000;

function account(overrides: Partial<CryptoAccountRecord> = {}): CryptoAccountRecord {
  return {
    userId: "@ghost:example.org",
    deviceId: "SBDEVICE",
    pickle: "pickled account",
    curve25519Key: "curve",
    ed25519Key: "ed",
    deviceCreated: false,
    keysUploaded: false,
    crossSigned: false,
    serverOtkCount: 0,
    fallbackRotatedAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function olmSession(overrides: Partial<OlmSessionRecord> = {}): OlmSessionRecord {
  return { userId: "@ghost:example.org", deviceId: "SBDEVICE", theirKey: "their", sessionId: "s1", pickle: "p", createdAt: T0, lastUsedAt: T0, ...overrides };
}

function outbound(overrides: Partial<OutboundGroupSessionRecord> = {}): OutboundGroupSessionRecord {
  return {
    roomId: "!r:example.org",
    userId: "@ghost:example.org",
    deviceId: "SBDEVICE",
    sessionId: "g1",
    pickle: "p",
    initialKey: null,
    createdAt: T0,
    messageCount: 0,
    ...overrides,
  };
}

function inbound(overrides: Partial<InboundGroupSessionRecord> = {}): InboundGroupSessionRecord {
  return {
    roomId: "!r:example.org",
    sessionId: "g1",
    senderKey: "sender",
    senderUserId: "@alice:example.org",
    claimedEd25519Key: "ed",
    firstKnownIndex: 3,
    pickle: "p",
    forwardingChain: [],
    receivedByUserId: "@bot:example.org",
    receivedByDeviceId: "BOT",
    createdAt: T0,
    ...overrides,
  };
}

for (const target of storeTargets) {
  describe(`crypto store schema on ${target.name}`, function () {
    it("creates the crypto tables, matching the entities, and reverts to the schema before it", async function () {
      const store = await openTestStore(await target.newDatabase());
      assert.deepEqual(await existingTables(store.dataSource, CRYPTO_TABLES), CRYPTO_TABLES);
      assert.deepEqual((await store.dataSource.driver.createSchemaBuilder().log()).upQueries, []);
      await revertThrough(store.dataSource, "CryptoTables1795651200000");
      assert.deepEqual(await existingTables(store.dataSource, CRYPTO_TABLES), []);
      assert.deepEqual(await existingTables(store.dataSource, ["messages", "portals"]), ["messages", "portals"]);
      await store.dataSource.runMigrations({ transaction: "all" });
      assert.deepEqual(await existingTables(store.dataSource, CRYPTO_TABLES), CRYPTO_TABLES);
      await store.close();
    });

    it("adds the outbound sessions' initial_key column (keeping rows) and the shares' user index, and takes them away again", async function () {
      const store = await openTestStore(await target.newDatabase());
      await revertThrough(store.dataSource, "OutboundInitialKey1795737600000");
      assert.equal((await columnNames(store.dataSource, "crypto_outbound_group_sessions")).includes("initial_key"), false);
      await store.dataSource.query(
        `INSERT INTO crypto_outbound_group_sessions (room_id, user_id, device_id, session_id, pickle, created_at, message_count) VALUES ('!r:x', '@g:x', 'D', 'old', 'p', 1, 3)`,
      );
      await store.dataSource.runMigrations({ transaction: "all" });
      assert.ok((await columnNames(store.dataSource, "crypto_outbound_group_sessions")).includes("initial_key"));
      assert.deepEqual((await store.dataSource.driver.createSchemaBuilder().log()).upQueries, []);
      const kept = await store.crypto.outboundGroupSessions.get({ roomId: "!r:x", userId: "@g:x", deviceId: "D" });
      assert.deepEqual([kept?.sessionId, kept?.messageCount, kept?.initialKey], ["old", 3, null], "a session from before keeps working, without an initial key");
      await store.close();
    });
  });

  describe(`crypto repositories on ${target.name}`, function () {
    const fresh = useFreshStore(target);
    const crypto = () => fresh.store().crypto;

    it("accounts: insert, find by user, update", async function () {
      await crypto().accounts.insert(account());
      await crypto().accounts.insert(account({ deviceId: "LATER", createdAt: T0 + 1 }));
      assert.deepEqual(await crypto().accounts.findForUser("@ghost:example.org"), account());
      await crypto().accounts.update(account(), { keysUploaded: true, serverOtkCount: 50, fallbackRotatedAt: T0 + 5 });
      const updated = await crypto().accounts.get(account());
      assert.deepEqual(updated, account({ keysUploaded: true, serverOtkCount: 50, fallbackRotatedAt: T0 + 5 }));
      assert.equal(await crypto().accounts.get({ userId: "@ghost:example.org", deviceId: "NONE" }), null);
    });

    it("Olm sessions: upsert, most recently used first, saved together with the account", async function () {
      await crypto().accounts.insert(account());
      await crypto().olmSessions.save([olmSession(), olmSession({ sessionId: "s2", lastUsedAt: T0 + 10 }), olmSession({ theirKey: "other", sessionId: "s3" })]);
      assert.deepEqual((await crypto().olmSessions.listFor(account(), ["their"])).map((s) => s.sessionId), ["s2", "s1"]);
      await crypto().olmSessions.save([olmSession({ lastUsedAt: T0 + 20, pickle: "advanced" })]);
      const [latest] = await crypto().olmSessions.listFor(account(), ["their", "other"]);
      assert.deepEqual([latest.sessionId, latest.pickle], ["s1", "advanced"]);
      await crypto().olmSessions.saveWithAccount(olmSession({ sessionId: "s4", lastUsedAt: T0 + 30 }), "account without the used key", T0 + 30);
      assert.equal((await crypto().accounts.get(account()))?.pickle, "account without the used key");
      assert.equal((await crypto().olmSessions.listFor(account(), ["their"]))[0].sessionId, "s4");
      assert.deepEqual(await crypto().olmSessions.listFor(account(), []), []);
    });

    it("outbound sessions: replacing drops the old one and its shares; the room can be discarded", async function () {
      const outbound1 = outbound();
      await crypto().outboundGroupSessions.replace(outbound1);
      await crypto().outboundGroupSessions.addShares([
        { sessionId: "g1", userId: "@a:x", deviceId: "A", messageIndex: 0, withheld: null, sharedAt: T0 },
        { sessionId: "g1", userId: "@b:x", deviceId: "B", messageIndex: 2, withheld: "m.no_olm", sharedAt: T0 },
      ]);
      assert.equal((await crypto().outboundGroupSessions.listShares("g1")).length, 2);
      await crypto().outboundGroupSessions.saveProgress("g1", "ratcheted", 7);
      assert.deepEqual(await crypto().outboundGroupSessions.get(outbound1), outbound({ pickle: "ratcheted", messageCount: 7 }));

      await crypto().outboundGroupSessions.replace(outbound({ sessionId: "g2" }));
      assert.equal((await crypto().outboundGroupSessions.get(outbound1))?.sessionId, "g2");
      assert.deepEqual(await crypto().outboundGroupSessions.listShares("g1"), []);
      await crypto().outboundGroupSessions.addShares([{ sessionId: "g2", userId: "@a:x", deviceId: "A", messageIndex: 0, withheld: null, sharedAt: T0 }]);
      await crypto().outboundGroupSessions.replace(outbound({ userId: "@other:example.org", sessionId: "g3", initialKey: "v1:sealed" }));
      assert.equal((await crypto().outboundGroupSessions.get(outbound({ userId: "@other:example.org" })))?.initialKey, "v1:sealed");
      assert.deepEqual((await crypto().outboundGroupSessions.discardRoom("!r:example.org")).sort(), ["g2", "g3"]);
      assert.equal(await crypto().outboundGroupSessions.get(outbound1), null);
      assert.deepEqual(await crypto().outboundGroupSessions.listShares("g2"), []);
    });

    it("outbound sessions: by rooms, and those shared with (or withheld from) a user's devices", async function () {
      const sessions = crypto().outboundGroupSessions;
      await sessions.replace(outbound({ roomId: "!r1:x", sessionId: "g1" }));
      await sessions.replace(outbound({ roomId: "!r1:x", userId: "@other:x", sessionId: "g2" }));
      await sessions.replace(outbound({ roomId: "!r2:x", sessionId: "g3" }));
      await sessions.replace(outbound({ roomId: "!r3:x", sessionId: "g4" }));
      await sessions.addShares([
        { sessionId: "g1", userId: "@a:x", deviceId: "A1", messageIndex: 0, withheld: null, sharedAt: T0 },
        { sessionId: "g1", userId: "@a:x", deviceId: "A2", messageIndex: 4, withheld: null, sharedAt: T0 },
        { sessionId: "g3", userId: "@a:x", deviceId: "A1", messageIndex: 0, withheld: "m.no_olm", sharedAt: T0 },
        { sessionId: "g4", userId: "@b:x", deviceId: "B1", messageIndex: 0, withheld: null, sharedAt: T0 },
      ]);
      const ids = (list: OutboundGroupSessionRecord[]) => list.map((s) => s.sessionId).sort();
      assert.deepEqual(ids(await sessions.listForRooms(["!r1:x", "!r2:x", "!r1:x"])), ["g1", "g2", "g3"]);
      assert.deepEqual(ids(await sessions.listForRooms([])), []);
      assert.deepEqual(ids(await sessions.listSharedWithUsers(["@a:x"])), ["g1", "g3"]);
      assert.deepEqual(ids(await sessions.listSharedWithUsers(["@a:x", "@b:x"])), ["g1", "g3", "g4"]);
      assert.deepEqual(ids(await sessions.listSharedWithUsers(["@nobody:x"])), []);
      await sessions.replace(outbound({ roomId: "!r1:x", sessionId: "g5" }));
      assert.deepEqual(ids(await sessions.listSharedWithUsers(["@a:x"])), ["g3"], "a replaced session is no longer live");
      assert.deepEqual(await sessions.discardSender("!r1:x", "@ghost:example.org"), ["g5"]);
      assert.deepEqual(ids(await sessions.listForRooms(["!r1:x"])), ["g2"], "the other sender's session stays");
    });

    it("inbound sessions: by room and session, with or without the sender key; the forwarding chain kept", async function () {
      await crypto().inboundGroupSessions.save(inbound({ forwardingChain: ["k1", "k2"], senderUserId: null }));
      assert.deepEqual(await crypto().inboundGroupSessions.get("!r:example.org", "g1", "sender"), inbound({ forwardingChain: ["k1", "k2"], senderUserId: null }));
      assert.equal((await crypto().inboundGroupSessions.get("!r:example.org", "g1"))?.firstKnownIndex, 3);
      assert.equal(await crypto().inboundGroupSessions.get("!r:example.org", "g1", "another"), null);
      assert.equal(await crypto().inboundGroupSessions.get("!other:example.org", "g1"), null);
      await crypto().inboundGroupSessions.save(inbound({ firstKnownIndex: 0, pickle: "better" }));
      assert.equal((await crypto().inboundGroupSessions.get("!r:example.org", "g1", "sender"))?.pickle, "better");
    });

    it("seen message indexes: the first event keeps the index, also when two race", async function () {
      assert.equal(await crypto().seenIndexes.claim("g1", 0, "$a", T0), "$a");
      assert.equal(await crypto().seenIndexes.claim("g1", 0, "$a", T0), "$a");
      assert.equal(await crypto().seenIndexes.claim("g1", 0, "$b", T0), "$a");
      const raced = await Promise.all(["$x", "$y", "$z"].map((id) => crypto().seenIndexes.claim("g1", 1, id, T0)));
      assert.equal(new Set(raced).size, 1);
      await crypto().seenIndexes.claim("g1", 2, "$later", T0 + 100);
      assert.equal(await crypto().seenIndexes.forgetBefore(T0 + 1), 2);
      assert.equal(await crypto().seenIndexes.claim("g1", 0, "$b", T0), "$b", "forgotten");
      assert.equal(await crypto().seenIndexes.claim("g1", 2, "$c", T0), "$later", "kept");
    });

    it("devices and tracked users: outdated flags, replacing a device list, forgetting a user", async function () {
      const tracked = crypto().trackedUsers;
      await tracked.track(["@a:x", "@b:x"], T0);
      await tracked.markUpToDate("@a:x", T0);
      await tracked.track(["@a:x", "@c:x"], T0);
      await tracked.markOutdated(["@b:x", "@untracked:x"], T0);
      const flags = Object.fromEntries((await tracked.list(["@a:x", "@b:x", "@c:x", "@untracked:x"])).map((u) => [u.userId, u.outdated]));
      assert.deepEqual(flags, { "@a:x": false, "@b:x": true, "@c:x": true });

      const device = (deviceId: string, curve: string) => ({ userId: "@a:x", deviceId, curve25519Key: curve, ed25519Key: `ed-${deviceId}`, keys: { device_id: deviceId, nested: { n: 1 } }, updatedAt: T0 });
      await crypto().devices.replaceForUser("@a:x", [device("D1", "c1"), device("D2", "c2")]);
      await crypto().devices.replaceForUser("@a:x", [device("D2", "c2"), device("D3", "c3")]);
      assert.deepEqual((await crypto().devices.listForUsers(["@a:x"])).map((d) => d.deviceId).sort(), ["D2", "D3"]);
      assert.deepEqual(await crypto().devices.findByCurveKey("@a:x", "c3"), device("D3", "c3"));
      assert.equal(await crypto().devices.findByCurveKey("@b:x", "c3"), null);

      await tracked.untrack(["@a:x"]);
      assert.deepEqual(await crypto().devices.listForUsers(["@a:x"]), []);
      assert.deepEqual((await tracked.list(["@a:x"])).length, 0);
    });

    it("cross-signing keys and room settings", async function () {
      const keys = { userId: "@g:x", masterKey: "m", selfSigningKey: "s", userSigningKey: "u", masterSeed: "v1:a", selfSigningSeed: "v1:b", userSigningSeed: "v1:c", uploaded: false, createdAt: T0 };
      await crypto().crossSigning.insert(keys);
      await crypto().crossSigning.markUploaded("@g:x");
      assert.deepEqual(await crypto().crossSigning.get("@g:x"), { ...keys, uploaded: true });

      const room = { roomId: "!r:x", algorithm: "m.megolm.v1.aes-sha2", rotationPeriodMs: 604_800_000, rotationPeriodMsgs: 100, historyVisibility: null, updatedAt: T0 };
      await crypto().rooms.save(room);
      await crypto().rooms.save({ ...room, historyVisibility: "joined" });
      assert.deepEqual(await crypto().rooms.get("!r:x"), { ...room, historyVisibility: "joined" });
      assert.equal(await crypto().rooms.get("!none:x"), null);
    });
  });
}
