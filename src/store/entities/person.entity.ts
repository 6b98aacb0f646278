import { EntitySchema } from "typeorm";
import type { PersonIdentityRecord, PersonRecord } from "../records";
import { epochMillisTransformer } from "./epoch-millis";

export const PersonEntity = new EntitySchema<PersonRecord>({
  name: "Person",
  tableName: "persons",
  columns: {
    id: { type: "varchar", length: 64, primary: true },
    name: { type: "text", nullable: true },
    createdAt: { name: "created_at", type: "bigint", transformer: epochMillisTransformer },
  },
});

export const PersonIdentityEntity = new EntitySchema<PersonIdentityRecord>({
  name: "PersonIdentity",
  tableName: "person_identities",
  columns: {
    network: { type: "varchar", length: 32, primary: true },
    remoteId: { name: "remote_id", type: "varchar", length: 255, primary: true },
    personId: { name: "person_id", type: "varchar", length: 64 },
    linkedBy: { name: "linked_by", type: "varchar", length: 255 },
    linkedAt: { name: "linked_at", type: "bigint", transformer: epochMillisTransformer },
  },
  indices: [{ name: "IDX_person_identities_person", columns: ["personId"] }],
});
