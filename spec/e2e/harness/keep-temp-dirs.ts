/** SWITCHBOARD_E2E_KEEP_TMP=1 keeps the temp dirs (configs, databases, logs) for a look after a run. */
export function keepTempDirs(): boolean {
  return Boolean(process.env.SWITCHBOARD_E2E_KEEP_TMP);
}
