import { configureLogging, describeError } from "../logging/logger";
import { parseCliArguments, UsageError, USAGE, type CliArguments } from "./cli/arguments";
import { accountsFromConfig, ConfigAccountsError } from "./cli/config-accounts";
import { DEMO_WEBHOOKS_URL, demoAccounts, demoUserId, demoUsers } from "./cli/demo";
import { startupSummary } from "./cli/startup-summary";
import { startGraphEmulator } from "./graph-emulator";
import type { EmulatorAccount } from "./types";

/** Exit codes: 0 stopped by a signal, 1 failed while running, 2 bad usage or configuration. */
const EXIT_RUNTIME = 1;
const EXIT_USAGE = 2;

function accountsFor(args: CliArguments): { accounts: EmulatorAccount[]; demo: boolean } {
  if (args.config === undefined) return { accounts: demoAccounts(args.webhooksUrl ?? DEMO_WEBHOOKS_URL), demo: true };
  return { accounts: accountsFromConfig(args.config, args.webhooksUrl).accounts, demo: false };
}

export async function main(argv: string[]): Promise<number> {
  let args: CliArguments;
  let setup: { accounts: EmulatorAccount[]; demo: boolean };
  try {
    args = parseCliArguments(argv);
    if (args.help) {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    setup = accountsFor(args);
  } catch (err) {
    if (err instanceof UsageError) return fail(`${err.message}\n\n${USAGE}`, EXIT_USAGE);
    if (err instanceof ConfigAccountsError) return fail(err.message, EXIT_USAGE);
    throw err;
  }
  configureLogging(args.logLevel);
  const networks = [...new Set(setup.accounts.map((account) => account.network))];
  const users = args.demoUser || setup.demo ? demoUsers(networks) : [];
  const emulator = await startGraphEmulator({
    hostname: args.hostname,
    port: args.port,
    accounts: setup.accounts,
    users,
    httpStatusMode: args.httpStatusMode,
    echoWebhooks: args.echoes,
    statusWebhooks: args.statusWebhooks,
    publicUrl: args.publicUrl,
  });
  process.stdout.write(startupSummary({ url: emulator.url, accounts: setup.accounts, users, demo: setup.demo, exampleSender: demoUserId }) + "\n");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await emulator.stop();
  return 0;
}

function fail(message: string, code: number): number {
  process.stderr.write(message.endsWith("\n") ? message : message + "\n");
  return code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`The emulator failed: ${describeError(err)}\n`);
      process.exit(EXIT_RUNTIME);
    },
  );
}
