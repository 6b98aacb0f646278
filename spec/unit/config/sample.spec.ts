import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { isMap, isScalar, parseDocument, type YAMLMap } from "yaml";
import { envBindings } from "../../../src/config/env";
import { configSchema } from "../../../src/config/schema";
import type { Field, ObjectField } from "../../../src/config/schema-dsl";

function leafPaths(field: Field<unknown>, path: string[] = []): string[] {
  const shape = (field as Partial<ObjectField<Record<string, Field<unknown>>>>).shape;
  if (!shape) return [path.join(".")];
  return Object.entries(shape).flatMap(([key, child]) => leafPaths(child, [...path, key]));
}

describe("config.sample.yaml", () => {
  const doc = parseDocument(readFileSync("config.sample.yaml", "utf8"));

  it("has a comment for every option", () => {
    const uncommented: string[] = [];
    const walk = (map: YAMLMap, path: string) => {
      map.items.forEach((pair, index) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : "?";
        const keyNode = pair.key as { commentBefore?: string | null };
        const valueNode = pair.value as { comment?: string | null } | null;
        // the comment above a mapping's first key is attached to the mapping (or the document)
        const leading = index === 0 ? (path === "" ? doc.commentBefore : map.commentBefore) : undefined;
        if (!keyNode.commentBefore && !valueNode?.comment && !leading) uncommented.push(path + key);
        if (isMap(pair.value)) walk(pair.value, path + key + ".");
      });
    };
    walk(doc.contents as YAMLMap, "");
    assert.deepEqual(uncommented, []);
  });

  it("shows every option the schema knows", () => {
    const sample = doc.toJS() as Record<string, unknown>;
    const missing = leafPaths(configSchema).filter((path) => {
      let node: unknown = sample;
      for (const key of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[key];
      return node === undefined;
    });
    assert.deepEqual(missing, []);
  });

  it("gives every scalar option its own environment variable", () => {
    const bindings = envBindings(configSchema);
    assert.ok(bindings.some((b) => b.variable === "SWITCHBOARD_DATABASE_URI"));
    assert.ok(bindings.some((b) => b.variable === "SWITCHBOARD_NETWORKS_INSTAGRAM_ENABLED"));
    assert.equal(new Set(bindings.map((b) => b.variable)).size, bindings.length);
  });
});
