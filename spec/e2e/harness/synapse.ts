import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { registerTeardown } from "../../support/fixtures";
import { registerUserWithSharedSecret, type RegisteredUser, type RegisterUserOptions } from "./admin-register";
import { deepMerge, type ConfigTree } from "./deep-merge";
import { freeLocalPort } from "./free-port";
import { homeserverConfig, homeserverLogConfig, homeserverPaths, type HomeserverPaths } from "./homeserver-config";
import { logExcerpt } from "./log-tail";
import { type ExitInfo, ManagedProcess } from "./managed-process";
import { synapseSigningKey } from "./signing-key";
import { ensureSynapseVenv, type SynapseVenv } from "./synapse-venv";
import { describeExit, waitForHttpOk } from "./wait-for-http";

export const SERVER_NAME = "localhost";
const DEFAULT_START_TIMEOUT_MS = 60_000;
// A free port can be taken between choosing it and Synapse binding it (e.g. by a parallel run).
const PORT_ATTEMPTS = 3;

export interface StartSynapseOptions {
  /** An empty directory owned by the caller; config, database, media and logs go there. */
  dir: string;
  /** Appservice registration files Synapse loads at start (and reloads on restart). */
  appserviceRegistrations: readonly string[];
  /** Port for the first attempt (a free one is chosen if absent, or if this one turns out taken). */
  port?: number;
  /** Deep-merged into the generated homeserver.yaml. */
  homeserverOverrides?: ConfigTree;
  startTimeoutMs?: number;
  /** Recorded for the next run to delete if this run dies without cleaning up. */
  tempRoot?: string;
}

/** Starts a throwaway Synapse and waits until its client API answers. Stopped on teardown. */
export async function startSynapse(options: StartSynapseOptions): Promise<SynapseServer> {
  const venv = await ensureSynapseVenv();
  await mkdir(options.dir, { recursive: true });
  const paths = homeserverPaths(options.dir);
  await writeFile(paths.signingKey, synapseSigningKey(), { mode: 0o600 });
  await writeFile(paths.logConfig, stringify(homeserverLogConfig(paths)));
  const server = new SynapseServer(venv, paths, randomBytes(24).toString("hex"), options);
  registerTeardown(() => server.stop().then(() => undefined));
  await server.startOnFreePort();
  return server;
}

/** One Synapse child process; its config, database and port survive `restart()`. */
export class SynapseServer {
  readonly serverName = SERVER_NAME;
  /** The process's stdout and stderr: tracebacks from before logging starts land here. */
  readonly consoleLogPath: string;
  private port = 0;
  private child: ManagedProcess | undefined;

  constructor(
    private readonly venv: SynapseVenv,
    private readonly paths: HomeserverPaths,
    private readonly sharedSecret: string,
    private readonly options: StartSynapseOptions,
  ) {
    this.consoleLogPath = join(paths.dir, "synapse.console.log");
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get dir(): string {
    return this.paths.dir;
  }

  get configPath(): string {
    return this.paths.config;
  }

  /** Synapse's own log (INFO). */
  get logPath(): string {
    return this.paths.log;
  }

  get running(): boolean {
    return this.child?.running ?? false;
  }

  registerUser(localpart: string, options?: RegisterUserOptions): Promise<RegisteredUser> {
    return registerUserWithSharedSecret(this.url, this.sharedSecret, localpart, options);
  }

  async stop(): Promise<ExitInfo | undefined> {
    return this.child?.stop();
  }

  /** Stops and starts again on the same port, database and config (re-reading appservice registrations). */
  async restart(): Promise<void> {
    await this.stop();
    const failure = await this.launch();
    if (failure) throw new Error(failure);
  }

  async startOnFreePort(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.port = attempt === 1 && this.options.port ? this.options.port : await freeLocalPort();
      await this.writeConfig();
      const failure = await this.launch();
      if (!failure) return;
      if (attempt < PORT_ATTEMPTS && (await this.portWasTaken())) continue;
      throw new Error(failure);
    }
  }

  private async writeConfig(): Promise<void> {
    const config = homeserverConfig(this.paths, {
      serverName: SERVER_NAME,
      port: this.port,
      registrationSharedSecret: this.sharedSecret,
      appserviceRegistrations: this.options.appserviceRegistrations,
    });
    await writeFile(this.paths.config, stringify(deepMerge(config, this.options.homeserverOverrides)));
  }

  /** Starts the process and waits for it; resolves with an error message (logs included) on failure. */
  private async launch(): Promise<string | undefined> {
    // Fresh logs per start, so failure excerpts and the port-taken check only see this start.
    await Promise.all([this.paths.log, this.consoleLogPath].map((path) => writeFile(path, "")));
    const child = await ManagedProcess.start({
      name: "synapse",
      command: this.venv.python,
      args: ["-m", "synapse.app.homeserver", "-c", this.paths.config],
      cwd: this.paths.dir,
      logPath: this.consoleLogPath,
      marker: this.paths.config,
      tempDir: this.options.tempRoot,
    });
    this.child = child;
    const timeoutMs = this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const outcome = await waitForHttpOk(`${this.url}/_matrix/client/versions`, child, timeoutMs);
    if (outcome.ready) return undefined;
    await child.stop();
    const why = outcome.exit
      ? describeExit(outcome.exit)
      : `did not answer within ${timeoutMs} ms (last: ${outcome.lastError})`;
    return (
      `Synapse on port ${this.port} ${why}\n${await logExcerpt("homeserver.log", this.paths.log)}\n` +
      (await logExcerpt("Synapse console", this.consoleLogPath))
    );
  }

  private async portWasTaken(): Promise<boolean> {
    const logs = await Promise.all(
      [this.paths.log, this.consoleLogPath].map((path) => readFile(path, "utf8").catch(() => "")),
    );
    return logs.some((text) => text.includes("Address already in use"));
  }
}
