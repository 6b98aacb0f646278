import { randomUUID } from "node:crypto";
import { PersonEntity, PersonIdentityEntity } from "../entities/person.entity";
import type { IdentityKey, PersonIdentityRecord, PersonRecord } from "../records";
import type { StoreExecutor } from "../store-executor";

const pick = <T extends object>(row: T): T => ({ ...row });

/** Persons and their linked remote identities (one contact room per person). */
export class PersonRepository {
  constructor(
    private readonly executor: StoreExecutor,
    private readonly clock: () => number = Date.now,
  ) {}

  get(id: string): Promise<PersonRecord | null> {
    return this.executor.run(async (manager) => {
      const row = await manager.findOneBy(PersonEntity, { id });
      return row ? pick(row) : null;
    });
  }

  /** The person an identity is linked to, if any. */
  personOf(identity: IdentityKey): Promise<PersonRecord | null> {
    return this.executor.run(async (manager) => {
      const link = await manager.findOneBy(PersonIdentityEntity, { network: identity.network, remoteId: identity.remoteId });
      if (!link) return null;
      const row = await manager.findOneBy(PersonEntity, { id: link.personId });
      return row ? pick(row) : null;
    });
  }

  identities(personId: string): Promise<PersonIdentityRecord[]> {
    return this.executor.run(async (manager) => {
      const rows = await manager.find(PersonIdentityEntity, { where: { personId }, order: { linkedAt: "ASC", network: "ASC" } });
      return rows.map(pick);
    });
  }

  /**
   * Links two identities as one person: joins the person either already belongs to, or makes a
   * new one. Refuses (returns null) when they belong to two different persons already.
   */
  link(first: IdentityKey, second: IdentityKey, linkedBy: string, name: string | null): Promise<PersonRecord | null> {
    return this.executor.transaction(async (manager) => {
      const links = await Promise.all([first, second].map((k) => manager.findOneBy(PersonIdentityEntity, { network: k.network, remoteId: k.remoteId })));
      const personIds = [...new Set(links.filter((l) => l !== null).map((l) => l!.personId))];
      if (personIds.length > 1) return null;
      const now = this.clock();
      let personId = personIds[0];
      if (!personId) {
        personId = randomUUID();
        await manager.insert(PersonEntity, { id: personId, name, createdAt: now });
      }
      for (const [index, key] of [first, second].entries()) {
        if (!links[index]) await manager.insert(PersonIdentityEntity, { network: key.network, remoteId: key.remoteId, personId, linkedBy, linkedAt: now + index });
      }
      return pick(await manager.findOneByOrFail(PersonEntity, { id: personId }));
    });
  }

  /** Unlinks an identity; a person left with one identity (or none) is dissolved. Returns the person's remaining identities. */
  unlink(identity: IdentityKey): Promise<PersonIdentityRecord[]> {
    return this.executor.transaction(async (manager) => {
      const link = await manager.findOneBy(PersonIdentityEntity, { network: identity.network, remoteId: identity.remoteId });
      if (!link) return [];
      await manager.delete(PersonIdentityEntity, { network: identity.network, remoteId: identity.remoteId });
      const rest = await manager.find(PersonIdentityEntity, { where: { personId: link.personId }, order: { linkedAt: "ASC" } });
      if (rest.length <= 1) {
        await manager.delete(PersonIdentityEntity, { personId: link.personId });
        await manager.delete(PersonEntity, { id: link.personId });
      }
      return rest.map(pick);
    });
  }
}
