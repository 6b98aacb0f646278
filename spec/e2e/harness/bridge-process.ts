import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { registerTeardown } from "../../support/fixtures";
import type { ConfigTree } from "./deep-merge";
import { logExcerpt } from "./log-tail";
import { type ExitInfo, ManagedProcess } from "./managed-process";
import { type AppserviceRegistration, readRegistration } from "./registration";
import { runCommand } from "./run-command";
import { PROJECT_ROOT, tsxCommand, tsxEnv } from "../../support/tsx-command";
import { describeExit, waitForHttpOk } from "./wait-for-http";

// The first start compiles the whole source through tsx; later ones hit its cache.
const DEFAULT_START_TIMEOUT_MS = 60_000;
const GENERATE_TIMEOUT_MS = 60_000;

export interface BridgeProcessOptions {
  /** The bridge's own directory: config, registration, database and log. */
  dir: string;
  startTimeoutMs?: number;
  /** Recorded for the next run to delete if this run dies without cleaning up. */
  tempRoot?: string;
  /** Defaults to the project's src/cli.ts. */
  cliPath?: string;
  /** Extra environment variables for the bridge. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The bridge under test as a child process run from source (`node --import tsx src/cli.ts`),
 * with its working directory in the temp dir. Stopped on teardown.
 */
export class BridgeProcess {
  readonly configPath: string;
  /** The bridge's stdout and stderr, across all its starts. */
  readonly logPath: string;
  private config: ConfigTree = {};
  private child: ManagedProcess | undefined;
  private teardownRegistered = false;

  constructor(private readonly options: BridgeProcessOptions) {
    this.configPath = join(options.dir, "config.yaml");
    this.logPath = join(options.dir, "bridge.log");
  }

  get running(): boolean {
    return this.child?.running ?? false;
  }

  get currentConfig(): ConfigTree {
    return structuredClone(this.config);
  }

  get url(): string {
    const appservice = this.section("appservice");
    return `http://${String(appservice.hostname ?? "127.0.0.1")}:${String(appservice.port)}`;
  }

  get cliPath(): string {
    return this.options.cliPath ?? join(PROJECT_ROOT, "src", "cli.ts");
  }

  get registrationPath(): string {
    return resolve(this.options.dir, String(this.section("appservice").registration ?? "registration.yaml"));
  }

  /** Takes effect at the next start. */
  async writeConfig(config: ConfigTree): Promise<void> {
    await mkdir(this.options.dir, { recursive: true });
    this.config = structuredClone(config);
    await writeFile(this.configPath, stringify(config));
  }

  /** Runs `--generate-registration` for the current config and returns what it wrote. */
  async generateRegistration(): Promise<AppserviceRegistration> {
    const { command, args } = tsxCommand(this.cliPath, [
      "--generate-registration",
      "-c",
      this.configPath,
      "-f",
      this.registrationPath,
    ]);
    const result = await runCommand(command, args, {
      cwd: this.options.dir,
      env: tsxEnv(this.options.env),
      timeoutMs: GENERATE_TIMEOUT_MS,
    });
    await appendFile(this.logPath, `=== --generate-registration (exit ${result.code})\n${result.stdout}${result.stderr}`);
    if (result.code !== 0) {
      throw new Error(
        `switchboard --generate-registration exited with ${result.code}\n` +
          `--- stdout ---\n${result.stdout}--- stderr ---\n${result.stderr}`,
      );
    }
    return readRegistration(this.registrationPath);
  }

  /** Starts the bridge and resolves once GET /health answers 200; on failure the error carries its log. */
  async start(): Promise<void> {
    if (this.running) throw new Error("the bridge is already running");
    // Registered at the first start, not at construction: teardowns run last-registered first,
    // and the bridge must stop before the homeserver it talks to (started after construction).
    if (!this.teardownRegistered) {
      this.teardownRegistered = true;
      registerTeardown(() => this.stop().then(() => undefined));
    }
    await appendFile(this.logPath, `=== start ${new Date().toISOString()}\n`);
    const { command, args } = tsxCommand(this.cliPath, ["-c", this.configPath]);
    const child = await ManagedProcess.start({
      name: "bridge",
      command,
      args,
      cwd: this.options.dir,
      env: tsxEnv(this.options.env),
      logPath: this.logPath,
      marker: this.configPath,
      tempDir: this.options.tempRoot,
    });
    this.child = child;
    const timeoutMs = this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const outcome = await waitForHttpOk(`${this.url}/health`, child, timeoutMs);
    if (outcome.ready) return;
    await child.stop();
    const why = outcome.exit
      ? describeExit(outcome.exit)
      : `did not answer GET ${this.url}/health within ${timeoutMs} ms (last: ${outcome.lastError})`;
    throw new Error(`the bridge ${why}\n${await logExcerpt("bridge log", this.logPath)}`);
  }

  /** SIGTERM (SIGKILL after 10 s); resolves with how it exited, or undefined if it was not running. */
  async stop(): Promise<ExitInfo | undefined> {
    if (!this.child?.running) return undefined;
    return this.child.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private section(name: string): Record<string, unknown> {
    const value = this.config[name];
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  }
}
