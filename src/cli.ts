import { parseArgs } from "node:util";
import { ConfigError } from "./config/errors";
import { loadConfig } from "./config/load";
import { configureLogging, describeError, getLogger } from "./logging/logger";
import { writeRegistration } from "./matrix/registration";
import { StoreOpenError } from "./store";
import { VERSION } from "./version";

/** Exit codes: 0 fine, 1 failed while running, 2 bad usage or configuration. */
export const EXIT_RUNTIME = 1;
export const EXIT_CONFIG = 2;

const USAGE = `Usage:
  switchboard [-c config.yaml]                      run the bridge
  switchboard -r [-c config.yaml] [-f registration.yaml]
                                                    write the appservice registration for the homeserver
Options:
  -c, --config <file>              config file (default: config.yaml)
  -r, --generate-registration      write the registration file and exit
  -f, --file <file>                registration file to write (default: registration.yaml)
  -v, --version                    print the version
  -h, --help                       print this help`;

function fail(message: string, code: number): number {
  process.stderr.write(message.endsWith("\n") ? message : message + "\n");
  return code;
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        config: { type: "string", short: "c", default: "config.yaml" },
        "generate-registration": { type: "boolean", short: "r", default: false },
        file: { type: "string", short: "f", default: "registration.yaml" },
        version: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    return fail(`${describeError(err)}\n\n${USAGE}`, EXIT_CONFIG);
  }
  if (args.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (args.version) {
    process.stdout.write(`switchboard ${VERSION}\n`);
    return 0;
  }

  try {
    const loaded = loadConfig(args.config);
    configureLogging(loaded.config.logging.level);
    if (args["generate-registration"]) {
      const { keptTokens } = writeRegistration(loaded.config, args.file);
      process.stdout.write(
        `Wrote ${args.file}${keptTokens ? " (kept its existing tokens)" : " with new tokens"}.\n` +
          "Add its path to app_service_config_files in homeserver.yaml and restart the homeserver.\n",
      );
      return 0;
    }
    return await run(loaded);
  } catch (err) {
    if (err instanceof ConfigError) return fail(`Configuration problem in ${err.message}`, EXIT_CONFIG);
    if (err instanceof StoreOpenError) return fail(err.message, EXIT_RUNTIME);
    return fail(`Switchboard failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, EXIT_RUNTIME);
  }
}

async function run(loaded: ReturnType<typeof loadConfig>): Promise<number> {
  const log = getLogger("cli");
  for (const { path, variable } of loaded.fromEnvironment) log.info("config value from the environment", { key: path, variable });
  // Loaded only to run: matrix-appservice-bridge is heavy, and needless for -r or a config error.
  const { Switchboard } = await import("./app/switchboard.js");
  const switchboard = await Switchboard.start(loaded);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      log.info("shutting down", { signal });
      resolve();
    };
    process.once("SIGINT", () => shutdown("SIGINT"));
    process.once("SIGTERM", () => shutdown("SIGTERM"));
  });
  await switchboard.stop();
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`Switchboard failed: ${describeError(err)}\n`);
      process.exit(EXIT_RUNTIME);
    },
  );
}
