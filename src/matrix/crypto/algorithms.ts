export const OLM_ALGORITHM = "m.olm.v1.curve25519-aes-sha2";
export const MEGOLM_ALGORITHM = "m.megolm.v1.aes-sha2";
export const SIGNED_CURVE25519 = "signed_curve25519";

/** Defaults of m.room.encryption (spec: rotate after a week or 100 messages). */
export const DEFAULT_ROTATION_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;
export const DEFAULT_ROTATION_PERIOD_MSGS = 100;
