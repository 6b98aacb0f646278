// The end-to-end environment: one Synapse and one bridge process for the whole mocha run.
//
//   let env: E2EEnvironment;
//   before(async function () {
//     this.timeout(E2E_SETUP_TIMEOUT_MS);
//     env = await getE2EEnvironment({ networks: { whatsapp: { ... } } });
//   });
import { join } from "node:path";
import { loginWithPassword, type RegisteredUser, type RegisterUserOptions } from "./admin-register";
import { bridgeConfig, type BridgeConfigSettings } from "./bridge-config";
import { BridgeProcess } from "./bridge-process";
import { TestClient, type TestClientOptions } from "./client";
import type { ConfigTree } from "./deep-merge";
import { freeLocalPort } from "./free-port";
import type { ExitInfo } from "./managed-process";
import type { AppserviceRegistration } from "./registration";
import { SERVER_NAME, startSynapse, type SynapseServer } from "./synapse";
import { makeTempDir } from "./temp-dir";

export { freeLocalPort } from "./free-port";
export { uniqueLocalpart } from "./unique-localpart";
export type { RegisteredUser, RegisterUserOptions } from "./admin-register";
export type { AppserviceRegistration } from "./registration";
export type { ConfigTree } from "./deep-merge";
export type { ExitInfo } from "./managed-process";
export { TestClient, type TestClientOptions, type Membership, type Profile, DEFAULT_WAIT_MS, decryptionReport } from "./client";

/** For the `before` hook that first calls getE2EEnvironment: a cold run may install Synapse first. */
export const E2E_SETUP_TIMEOUT_MS = 10 * 60 * 1000;

export interface E2EEnvironment {
  homeserverUrl: string;
  serverName: string;
  bridgeUrl: string;
  /** The registration the bridge generated and Synapse loaded. */
  registration: AppserviceRegistration;
  botUserId: string;
  /** Root of this run's files: `synapse/` and `bridge/` (config, registration, databases, logs). */
  tempDir: string;
  bridgeConfigPath: string;
  /** The config the bridge runs with (base config with the overrides merged in). */
  bridgeConfig: ConfigTree;
  logs: { synapse: string; synapseConsole: string; bridge: string };
  /** Registers a user through the shared-secret admin API (localparts are used as given). */
  registerUser(localpart: string, options?: RegisterUserOptions): Promise<RegisteredUser>;
  /** Logs the user in again: a new device (and access token) of the same user. */
  loginUser(user: RegisteredUser): Promise<RegisteredUser>;
  /** A started, synced matrix-js-sdk client for the user; stopped on teardown. */
  createClient(user: RegisteredUser, options?: TestClientOptions): Promise<TestClient>;
  startBridge(): Promise<void>;
  /** Stops the bridge and starts it again on the same config and database. */
  restartBridge(): Promise<void>;
  stopBridge(): Promise<ExitInfo | undefined>;
}

interface Running {
  tempDir: string;
  synapse: SynapseServer;
  bridge: BridgeProcess;
  settings: BridgeConfigSettings;
  registration: AppserviceRegistration;
}

let running: Promise<Running> | undefined;
// Starts, reconfigurations and bridge restarts run one at a time.
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(task: () => Promise<T>): Promise<T> {
  const result = queue.then(task);
  queue = result.catch(() => undefined);
  return result;
}

/**
 * The run's environment, started at the first call. `overrides` are deep-merged into the bridge's
 * base config (see bridge-config.ts; a key set to undefined is removed). When a call asks for a
 * different config than the running one, the bridge is restarted with it (same database), and
 * Synapse too if the generated registration changed. A running bridge that a test stopped is
 * started again. If the first start failed, every call rethrows that failure.
 */
export function getE2EEnvironment(overrides?: ConfigTree): Promise<E2EEnvironment> {
  return serialized(async () => {
    if (!running) {
      running = startEnvironment(overrides);
      return environmentOf(await running);
    }
    const state = await running;
    await applyConfig(state, overrides);
    if (!state.bridge.running) await state.bridge.start();
    return environmentOf(state);
  });
}

async function startEnvironment(overrides: ConfigTree | undefined): Promise<Running> {
  const tempDir = makeTempDir();
  const plannedSynapsePort = await freeLocalPort();
  const settings: BridgeConfigSettings = {
    homeserverUrl: `http://127.0.0.1:${plannedSynapsePort}`,
    serverName: SERVER_NAME,
    bridgePort: await freeLocalPort(),
  };
  const bridge = new BridgeProcess({ dir: join(tempDir, "bridge"), tempRoot: tempDir });
  await bridge.writeConfig(bridgeConfig(settings, overrides));
  const registration = await bridge.generateRegistration();
  const synapse = await startSynapse({
    dir: join(tempDir, "synapse"),
    appserviceRegistrations: [bridge.registrationPath],
    port: plannedSynapsePort,
    tempRoot: tempDir,
  });
  if (synapse.url !== settings.homeserverUrl) {
    // The planned port was taken and Synapse moved; the registration does not name the homeserver.
    settings.homeserverUrl = synapse.url;
    await bridge.writeConfig(bridgeConfig(settings, overrides));
  }
  await bridge.start();
  return { tempDir, synapse, bridge, settings, registration };
}

async function applyConfig(state: Running, overrides: ConfigTree | undefined): Promise<void> {
  const wanted = bridgeConfig(state.settings, overrides);
  if (JSON.stringify(wanted) === JSON.stringify(state.bridge.currentConfig)) return;
  await state.bridge.stop();
  await state.bridge.writeConfig(wanted);
  // The generator keeps the tokens of an existing registration; namespaces or flags may change.
  const registration = await state.bridge.generateRegistration();
  if (JSON.stringify(registration) !== JSON.stringify(state.registration)) {
    state.registration = registration;
    await state.synapse.restart();
  }
  await state.bridge.start();
}

function environmentOf(state: Running): E2EEnvironment {
  const { synapse, bridge, registration } = state;
  return {
    homeserverUrl: synapse.url,
    serverName: synapse.serverName,
    bridgeUrl: bridge.url,
    registration: structuredClone(registration),
    botUserId: `@${registration.sender_localpart}:${synapse.serverName}`,
    tempDir: state.tempDir,
    bridgeConfigPath: bridge.configPath,
    bridgeConfig: bridge.currentConfig,
    logs: { synapse: synapse.logPath, synapseConsole: synapse.consoleLogPath, bridge: bridge.logPath },
    registerUser: (localpart, options) => synapse.registerUser(localpart, options),
    loginUser: (user) => loginWithPassword(synapse.url, user),
    createClient: (user, options) => TestClient.start(synapse.url, user, options),
    startBridge: () => serialized(() => bridge.start()),
    restartBridge: () => serialized(() => bridge.restart()),
    stopBridge: () => serialized(() => bridge.stop()),
  };
}
