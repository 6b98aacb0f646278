import { InitialSchema1795564800000 } from "./1795564800000-initial-schema";
import { CryptoTables1795651200000 } from "./1795651200000-crypto-tables";

/** In order. Listed explicitly (no globs) so the same list works from source and from dist. */
export const allMigrations = [InitialSchema1795564800000, CryptoTables1795651200000];
