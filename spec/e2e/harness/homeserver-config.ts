import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { ConfigTree } from "./deep-merge";

export interface HomeserverPaths {
  dir: string;
  config: string;
  logConfig: string;
  log: string;
  signingKey: string;
}

export function homeserverPaths(dir: string): HomeserverPaths {
  return {
    dir,
    config: join(dir, "homeserver.yaml"),
    logConfig: join(dir, "log.config.yaml"),
    log: join(dir, "homeserver.log"),
    signingKey: join(dir, "localhost.signing.key"),
  };
}

const UNLIMITED = { per_second: 10_000, burst_count: 100_000 };

// Every limiter Synapse 1.163 reads (grep '"rc_' synapse/config/ratelimiting.py), except federation
// ones: tests create users, rooms and messages far faster than people do.
const RELAXED_RATE_LIMITS: ConfigTree = {
  rc_message: UNLIMITED,
  rc_registration: UNLIMITED,
  rc_registration_token_validity: UNLIMITED,
  rc_login: { address: UNLIMITED, account: UNLIMITED, failed_attempts: UNLIMITED },
  rc_admin_redaction: UNLIMITED,
  rc_joins: { local: UNLIMITED, remote: UNLIMITED },
  rc_joins_per_room: UNLIMITED,
  rc_key_requests: UNLIMITED,
  rc_3pid_validation: UNLIMITED,
  rc_invites: { per_room: UNLIMITED, per_user: UNLIMITED, per_issuer: UNLIMITED },
  rc_third_party_invite: UNLIMITED,
  rc_media_create: UNLIMITED,
  rc_presence: { per_user: UNLIMITED },
  rc_delayed_event_mgmt: UNLIMITED,
  rc_room_creation: UNLIMITED,
  rc_reports: UNLIMITED,
  rc_user_directory: UNLIMITED,
  rc_profile: UNLIMITED,
};

export interface HomeserverSettings {
  serverName: string;
  port: number;
  registrationSharedSecret: string;
  appserviceRegistrations: readonly string[];
}

/** homeserver.yaml for a throwaway, loopback-only, SQLite Synapse. */
export function homeserverConfig(paths: HomeserverPaths, settings: HomeserverSettings): ConfigTree {
  return {
    server_name: settings.serverName,
    public_baseurl: `http://127.0.0.1:${settings.port}/`,
    pid_file: join(paths.dir, "homeserver.pid"),
    listeners: [
      {
        port: settings.port,
        bind_addresses: ["127.0.0.1"],
        type: "http",
        tls: false,
        x_forwarded: false,
        resources: [{ names: ["client"], compress: false }],
      },
    ],
    database: { name: "sqlite3", args: { database: join(paths.dir, "homeserver.db") } },
    log_config: paths.logConfig,
    media_store_path: join(paths.dir, "media_store"),
    signing_key_path: paths.signingKey,
    registration_shared_secret: settings.registrationSharedSecret,
    macaroon_secret_key: randomBytes(32).toString("hex"),
    form_secret: randomBytes(32).toString("hex"),
    report_stats: false,
    enable_metrics: false,
    enable_registration: false,
    trusted_key_servers: [],
    suppress_key_server_warning: true,
    url_preview_enabled: false,
    // The default (12) makes every registration and password login cost about 0.25 s of CPU.
    bcrypt_rounds: 4,
    app_service_config_files: [...settings.appserviceRegistrations],
    experimental_features: {
      msc2409_to_device_messages_enabled: true,
      msc3202_transaction_extensions: true,
    },
    ...RELAXED_RATE_LIMITS,
  };
}

/** Python logging config: everything at INFO into one file in the temp dir. */
export function homeserverLogConfig(paths: HomeserverPaths): ConfigTree {
  return {
    version: 1,
    formatters: {
      precise: { format: "%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s" },
    },
    handlers: {
      file: { class: "logging.FileHandler", formatter: "precise", filename: paths.log, encoding: "utf8" },
    },
    loggers: { "synapse.storage.SQL": { level: "INFO" } },
    root: { level: "INFO", handlers: ["file"] },
    disable_existing_loggers: false,
  };
}
