import { parseArgs } from "node:util";
import { LOG_LEVELS, type LogLevel } from "../../logging/logger";
import type { HttpStatusMode } from "../types";

export const DEFAULT_PORT = 29340;

export const USAGE = `Usage:
  npm run emulator -- [options]        (or: node --import tsx src/emulator/cli.ts [options])

Runs a local emulator of Meta's Graph API (WhatsApp Cloud API, Messenger Platform, Instagram
Messaging) that delivers signed webhooks to Switchboard: try the bridge without a Meta account.

Options:
  -c, --config <file>        take the accounts from Switchboard's config.yaml (enabled networks);
                             without it, demo accounts are made up and printed as config to paste
      --port <n>             port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
      --hostname <host>      address to listen on (default 127.0.0.1)
      --webhooks-url <url>   where the bridge listens for webhooks, without /webhooks/<network>
                             (default: http://<webhooks.hostname>:<webhooks.port> from the config,
                             else http://127.0.0.1:29331)
      --demo-user            add one made-up person per network (always on without --config)
      --status-webhooks      follow each WhatsApp send with sent, delivered and read statuses
      --no-echoes            do not echo Messenger/Instagram sends back as webhooks
      --http-status <mode>   meta-table (default: Meta's status per error code) or 400-everywhere
      --public-url <url>     base of the picture and media URLs handed out (default: the emulator's URL)
      --log-level <level>    ${LOG_LEVELS.join(", ")} (default info; requests are logged at info)
  -h, --help                 print this help`;

export interface CliArguments {
  config: string | undefined;
  port: number;
  hostname: string;
  webhooksUrl: string | undefined;
  demoUser: boolean;
  statusWebhooks: boolean;
  echoes: boolean;
  httpStatusMode: HttpStatusMode;
  publicUrl: string | undefined;
  logLevel: LogLevel;
  help: boolean;
}

export class UsageError extends Error {}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${value}"`);
  return parsed;
}

function httpUrl(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value.replace(/\/+$/, "");
  } catch {
    // reported below
  }
  throw new UsageError(`${option} must be an http(s) URL, got "${value}"`);
}

export function parseCliArguments(argv: string[]): CliArguments {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        config: { type: "string", short: "c" },
        port: { type: "string" },
        hostname: { type: "string", default: "127.0.0.1" },
        "webhooks-url": { type: "string" },
        "demo-user": { type: "boolean", default: false },
        "status-webhooks": { type: "boolean", default: false },
        "no-echoes": { type: "boolean", default: false },
        "http-status": { type: "string", default: "meta-table" },
        "public-url": { type: "string" },
        "log-level": { type: "string", default: "info" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const mode = values["http-status"];
  if (mode !== "meta-table" && mode !== "400-everywhere") throw new UsageError(`--http-status must be meta-table or 400-everywhere, got "${mode}"`);
  const logLevel = LOG_LEVELS.find((level) => level === values["log-level"]);
  if (!logLevel) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
  return {
    config: values.config,
    port: values.port === undefined ? DEFAULT_PORT : port(values.port),
    hostname: values.hostname,
    webhooksUrl: httpUrl("--webhooks-url", values["webhooks-url"]),
    demoUser: values["demo-user"],
    statusWebhooks: values["status-webhooks"],
    echoes: !values["no-echoes"],
    httpStatusMode: mode,
    publicUrl: httpUrl("--public-url", values["public-url"]),
    logLevel,
    help: values.help,
  };
}
