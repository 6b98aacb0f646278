import { strict as assert } from "node:assert";
import { Housekeeping } from "../../../src/app/housekeeping";

describe("housekeeping", () => {
  it("forgets transaction ids older than the retention period", async () => {
    const cutoffs: number[] = [];
    const housekeeping = new Housekeeping(
      { forgetBefore: async (time) => (cutoffs.push(time), 3) },
      { keepTransactionsMs: 1000, now: () => 5000 },
    );
    assert.equal(await housekeeping.runOnce(), 3);
    assert.deepEqual(cutoffs, [4000]);
  });
});
