import { LOG_LEVELS } from "../logging/logger";
import { mxcUri, networksSection, permissionMap } from "./network-sections";
import { bool, int, obj, oneOf, str, url, type Infer } from "./schema-dsl";
export { PERMISSION_LEVELS, type PermissionLevel } from "./permission-levels";

const SERVER_NAME = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;
const LOCALPART = /^[a-z0-9._=/+-]+$/;

export const configSchema = obj({
  homeserver: obj({
    url: url(),
    domain: str({ pattern: SERVER_NAME, describe: "a server name such as example.org" }),
  }),
  appservice: obj({
    id: str({ default: "switchboard", pattern: /^[A-Za-z0-9._-]+$/, describe: "letters, digits, . _ -" }),
    address: url({ default: "http://localhost:29330" }),
    hostname: str({ default: "127.0.0.1" }),
    port: int({ default: 29330, min: 1, max: 65535 }),
    registration: str({ default: "registration.yaml" }),
  }),
  bot: obj({
    username: str({ default: "switchboard", pattern: LOCALPART, describe: "a Matrix localpart (lowercase letters, digits, . _ = / + -)" }),
    displayname: str({ default: "Switchboard", allowEmpty: true }),
    avatar: mxcUri(),
    command_prefix: str({ default: "!sb", pattern: /^\S+$/, describe: "a word without spaces" }),
  }),
  database: obj({
    type: oneOf(["sqlite", "postgres"], { default: "sqlite" }),
    path: str({ default: "switchboard.db" }),
    uri: url({ default: "postgres://switchboard@localhost/switchboard", schemes: ["postgres", "postgresql"] }),
  }),
  permissions: permissionMap(),
  webhooks: obj({
    hostname: str({ default: "127.0.0.1" }),
    port: int({ default: 29331, min: 1, max: 65535 }),
    public_url: str({ default: "", allowEmpty: true, pattern: /^https?:\/\/[^\s/]+(\/\S*)?$/, describe: 'a URL such as https://bridge.example.org (or "")' }),
  }),
  encryption: obj({
    enabled: bool({ default: false }),
    default: bool({ default: false }),
    pickle_key: str({ default: "", allowEmpty: true }),
    key_wait_ms: int({ default: 30_000, min: 0, max: 600_000 }),
  }),
  networks: networksSection,
  relay: obj({
    template: str({ default: "{displayname} ({network}): {body}", pattern: /\{body\}/, describe: "a template containing {body}" }),
  }),
  logging: obj({
    level: oneOf(LOG_LEVELS, { default: "info" }),
  }),
});

export type Config = Infer<typeof configSchema>;
