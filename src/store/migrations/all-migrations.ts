import { InitialSchema1795564800000 } from "./1795564800000-initial-schema";

/** In order. Listed explicitly (no globs) so the same list works from source and from dist. */
export const allMigrations = [InitialSchema1795564800000];
