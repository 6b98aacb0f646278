import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { forgetChild, reapLeftoverChildren, recordChild } from "./leftovers";
import { tsxCommand, tsxEnv } from "../../support/tsx-command";

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcessOptions {
  /** Shown in errors and leftover records, e.g. "synapse". */
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here (written by the child directly, not through this process). */
  logPath: string;
  /** A string unique to this child's command line (see leftovers.ts). */
  marker: string;
  /** Deleted by the next run if this run dies without stopping the child. */
  tempDir?: string;
}

export const STOP_GRACE_MS = 10_000;

// Process groups still running; killed synchronously if this process exits without stopping them.
const liveGroups = new Set<number>();
let firstStartPrepared = false;

// Once per test run, before its first child: kill children of earlier runs that died (see
// leftovers.ts), and make sure this run's children die with it: on exit here, or through the
// watchdog if this process is killed outright.
function prepareFirstStart(): void {
  if (firstStartPrepared) return;
  firstStartPrepared = true;
  const reaped = reapLeftoverChildren();
  if (reaped.length) process.stderr.write(`killed processes left by an earlier test run: ${reaped.join(", ")}\n`);
  process.on("exit", () => {
    for (const pgid of liveGroups) killGroup(pgid, "SIGKILL");
  });
  startWatchdog();
}

function startWatchdog(): void {
  const { command, args } = tsxCommand(join(__dirname, "watchdog.ts"), [String(process.pid)]);
  // Its own process group, so whatever kills this run's group does not kill the watchdog too.
  spawn(command, args, { detached: true, stdio: "ignore", env: tsxEnv() }).unref();
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

/** A child process leading its own process group, so stopping it also stops anything it spawned. */
export class ManagedProcess {
  readonly exited: Promise<ExitInfo>;
  private exitInfo: ExitInfo | undefined;

  private constructor(
    readonly name: string,
    readonly pid: number,
    child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        this.exitInfo = { code, signal };
        liveGroups.delete(pid);
        forgetChild(pid);
        // Sweep anything the leader left behind in its group.
        killGroup(pid, "SIGKILL");
        resolve(this.exitInfo);
      };
      if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
      else child.once("exit", onExit);
    });
  }

  static async start(options: ManagedProcessOptions): Promise<ManagedProcess> {
    prepareFirstStart();
    const log = openSync(options.logPath, "a");
    let child: ChildProcess;
    try {
      child = spawn(options.command, options.args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        detached: true,
        stdio: ["ignore", log, log],
      });
    } finally {
      closeSync(log);
    }
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (err) => reject(new Error(`cannot start ${options.name} (${options.command}): ${err.message}`)));
    });
    const pid = child.pid!;
    liveGroups.add(pid);
    recordChild({ pgid: pid, name: options.name, marker: options.marker, tempDir: options.tempDir });
    return new ManagedProcess(options.name, pid, child);
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves with how the leader exited. */
  async stop(graceMs = STOP_GRACE_MS): Promise<ExitInfo> {
    if (this.exitInfo) return this.exitInfo;
    killGroup(this.pid, "SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), graceMs);
    });
    const outcome = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (outcome === "timeout") {
      process.stderr.write(`${this.name} (pid ${this.pid}) ignored SIGTERM for ${graceMs} ms; sending SIGKILL\n`);
      killGroup(this.pid, "SIGKILL");
    }
    return this.exited;
  }
}
