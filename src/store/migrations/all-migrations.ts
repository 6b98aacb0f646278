import { InitialSchema1795564800000 } from "./1795564800000-initial-schema";
import { CryptoTables1795651200000 } from "./1795651200000-crypto-tables";
import { OutboundInitialKey1795737600000 } from "./1795737600000-outbound-initial-key";
import { UnifiedConversations1795824000000 } from "./1795824000000-unified-conversations";

/** In order. Listed explicitly (no globs) so the same list works from source and from dist. */
export const allMigrations = [
  InitialSchema1795564800000,
  CryptoTables1795651200000,
  OutboundInitialKey1795737600000,
  UnifiedConversations1795824000000,
];
