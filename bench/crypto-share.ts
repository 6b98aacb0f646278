// How long sharing a room key takes: to N new devices (claim one-time keys, new Olm sessions) and to
// N devices the sender already has Olm sessions with, plus one Megolm message without sharing.
// The homeserver is the in-memory fake of the unit tests, the store SQLite in memory, so the numbers
// are the engine's own cost (CPU and database), not the network's.
//
//   npx tsx bench/crypto-share.ts [N…]     (default: 10 100)
import { performance } from "node:perf_hooks";
import { configureLogging } from "../src/logging/logger";
import { createCryptoEngine } from "../src/matrix/crypto";
import { loadLibolm } from "../src/matrix/crypto/olm";
import { openStore } from "../src/store";
import { FakeKeyServer } from "../spec/unit/crypto/support/fake-key-server";
import { HandPeer } from "../spec/unit/crypto/support/hand-peer";

const ROUNDS = 5;
const DEVICES_PER_USER = 10;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

interface RoundResult {
  fresh: Timing;
  existing: Timing;
  message: Timing;
}

async function round(n: number): Promise<RoundResult> {
  const olm = await loadLibolm();
  const server = new FakeKeyServer();
  const store = await openStore({ type: "sqlite", path: ":memory:" });
  const engine = await createCryptoEngine({
    store,
    client: server.client(),
    botUserId: "@bench_bot:fake",
    pickleKey: "bench",
    isOurUser: (userId) => userId.startsWith("@bench_"),
    ensureRegistered: async () => undefined,
  });
  const roomId = "!bench:fake";
  const ghost = "@bench_ghost:fake";
  server.setState(roomId, "m.room.encryption", { algorithm: "m.megolm.v1.aes-sha2" });
  server.setMembership(roomId, ghost, "join");
  const users = Math.ceil(n / DEVICES_PER_USER);
  for (let u = 0; u < users; u++) {
    const userId = `@user${u}:fake`;
    server.setMembership(roomId, userId, "join");
    for (let d = 0; d < Math.min(DEVICES_PER_USER, n - u * DEVICES_PER_USER); d++) HandPeer.create(olm, server, userId, `DEV${d}`, { oneTimeKeys: 2 });
  }
  await engine.ensureUserDevice(ghost);
  await engine.setRoomEncryption(roomId, { algorithm: "m.megolm.v1.aes-sha2" });
  // Device lists are fetched once, outside the measured part (as they would be from earlier messages).
  await engine.handleMembership(roomId, "@user0:fake", "join");

  const send = (body: string) => engine.encryptRoomEvent(ghost, roomId, "m.room.message", { msgtype: "m.text", body });
  const fresh = await timed(() => send("first: new Olm sessions"));
  const message = await timed(() => send("second: no sharing"));
  await engine.handleMembership(roomId, "@gone:fake", "leave"); // rotation: the next message shares a new key
  const existing = await timed(() => send("third: existing Olm sessions"));
  if (server.toDevice.filter((e) => e.type === "m.room.encrypted").length !== 2 * n) throw new Error("not every device got both keys");
  await store.close();
  return { fresh, existing, message };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  configureLogging("error", { write: () => undefined });
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await round(10); // warm-up: WASM, JIT, SQLite
  console.log(`median of ${ROUNDS} rounds; wall time includes SQLite (in memory) and the in-process fake homeserver`);
  console.log("N      | new devices: wall / CPU | existing sessions: wall / CPU | one message, no sharing");
  for (const n of sizes.length ? sizes : [10, 100]) {
    const results: RoundResult[] = [];
    for (let i = 0; i < ROUNDS; i++) results.push(await round(n));
    const fmt = (pick: (r: RoundResult) => Timing) =>
      `${median(results.map((r) => pick(r).wallMs)).toFixed(1)} ms / ${median(results.map((r) => pick(r).cpuMs)).toFixed(1)} ms`;
    console.log(`${String(n).padEnd(6)} | ${fmt((r) => r.fresh).padEnd(23)} | ${fmt((r) => r.existing).padEnd(29)} | ${fmt((r) => r.message)}`);
  }
}

void main();
