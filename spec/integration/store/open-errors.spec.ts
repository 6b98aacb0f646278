import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { openStore, StoreOpenError } from "../../../src/store";
import { makeTempDir } from "../support/store-targets";

const PASSWORD = "s3cret-Passw0rd";

async function openError(config: Parameters<typeof openStore>[0]): Promise<StoreOpenError> {
  try {
    const store = await openStore(config);
    await store.close();
  } catch (err) {
    assert.ok(err instanceof StoreOpenError, `expected a StoreOpenError, got ${String(err)}`);
    return err;
  }
  assert.fail("the store opened");
}

/** A loopback port with nothing listening on it. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

describe("opening a store that cannot be opened", function () {
  it("an unwritable SQLite path gives a StoreOpenError naming SQLite and the path", async function () {
    const dir = await makeTempDir();
    const notADirectory = join(dir, "file");
    await writeFile(notADirectory, "");
    const path = join(notADirectory, "store.sqlite");

    const err = await openError({ type: "sqlite", path });
    assert.match(err.message, /SQLite/);
    assert.ok(err.message.includes(path), err.message);
  });

  it("a file that is not a SQLite database gives a StoreOpenError", async function () {
    const path = join(await makeTempDir(), "notes.txt");
    await writeFile(path, "this is not a database, just some text that is long enough to have a header".repeat(20));

    const err = await openError({ type: "sqlite", path });
    assert.match(err.message, /SQLite database at .*notes\.txt/);
    assert.match(err.message, /not a database/);
  });

  it("an unreachable PostgreSQL gives a StoreOpenError naming the server but not the password", async function () {
    const port = await closedPort();
    const err = await openError({
      type: "postgres",
      uri: `postgres://bridgeuser:${PASSWORD}@127.0.0.1:${port}/switchboard`,
    });
    assert.match(err.message, /PostgreSQL/);
    assert.ok(err.message.includes(`127.0.0.1:${port}/switchboard`), err.message);
    assert.ok(!err.message.includes(PASSWORD), err.message);
    assert.ok(!err.message.includes("bridgeuser"), `the user name is stripped too: ${err.message}`);
  });

  it("a password in the query string is not shown either", async function () {
    const port = await closedPort();
    const err = await openError({ type: "postgres", uri: `postgresql://127.0.0.1:${port}/db?password=${PASSWORD}` });
    assert.match(err.message, /PostgreSQL/);
    assert.ok(!err.message.includes(PASSWORD), err.message);
  });

  it("a URI that is not a PostgreSQL URI gives a StoreOpenError without the password", async function () {
    for (const uri of [`mysql://user:${PASSWORD}@localhost/db`, `user:${PASSWORD}@localhost/db`, `postgres://user:${PASSWORD}@[::1/db`]) {
      const err = await openError({ type: "postgres", uri });
      assert.match(err.message, /PostgreSQL database URI is not valid/);
      assert.ok(!err.message.includes(PASSWORD), err.message);
    }
  });
});
