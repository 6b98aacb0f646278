/** What the core asks of the Matrix side (implemented in src/matrix/, injected at start-up). */
export interface MatrixPort {
  readonly domain: string;
  /** Registers the user on the homeserver; succeeds when it exists already. */
  registerUser(userId: string): Promise<void>;
  setDisplayName(userId: string, displayName: string): Promise<void>;
  /** Points a room alias at a room (as the bridge bot). */
  createAlias(alias: string, roomId: string): Promise<void>;
}
