import { PERMISSION_LEVELS } from "./permission-levels";
import { bool, int, list, obj, oneOf, record, str, url, type Infer } from "./schema-dsl";

/** The networks Switchboard can bridge, by config key (also their Matrix third-party protocol id). */
export const NETWORK_IDS = ["whatsapp", "messenger", "instagram"] as const;
export type ConfiguredNetworkId = (typeof NETWORK_IDS)[number];

export const NETWORK_LABELS: Record<ConfiguredNetworkId, string> = {
  whatsapp: "WhatsApp",
  messenger: "Messenger",
  instagram: "Instagram",
};

/** What each product calls the account the bridge acts through. */
export const ACCOUNT_KINDS: Record<ConfiguredNetworkId, string> = {
  whatsapp: "phone number id",
  messenger: "Facebook Page id",
  instagram: "Instagram professional account id",
};

const LOCALPART_PREFIX = /^[a-z0-9._=/-]+_$/;
const MXC_URI = /^mxc:\/\/[A-Za-z0-9.:-]+\/[A-Za-z0-9_-]+$/;
const GRAPH_ID = /^[0-9]{3,32}$/;
const INVITE_TARGET = /^([@!#][^:\s]+:\S+)$/;
export const PERMISSION_KEY = /^(\*|@[^:]+:.+|[A-Za-z0-9.-]+(:\d+)?)$/;

export const mxcUri = (defaultValue = "") =>
  str({ default: defaultValue, allowEmpty: true, pattern: MXC_URI, describe: 'an mxc:// URI (or "" for none)' });

const secret = () => str({ default: "", allowEmpty: true });

export const permissionMap = () =>
  record(oneOf(PERMISSION_LEVELS), { keyPattern: PERMISSION_KEY, describeKey: '"*", a server name or a Matrix user id', default: {} });

function networkSection(id: ConfiguredNetworkId) {
  return obj({
    enabled: bool({ default: false }),
    prefix: str({
      default: `${id}_`,
      pattern: LOCALPART_PREFIX,
      describe: "lowercase letters, digits or . _ = / - ending in _ (a Matrix localpart prefix)",
    }),
    displayname_template: str({
      default: `{name} (${NETWORK_LABELS[id]})`,
      pattern: /\{name\}/,
      describe: "a template containing {name}",
    }),
    icon: mxcUri(),
    graph_api: obj({
      base_url: url({ default: "https://graph.facebook.com" }),
      version: str({ default: "v26.0", pattern: /^v\d+\.\d+$/, describe: "a Graph API version such as v26.0" }),
      timeout_ms: int({ default: 20_000, min: 1000, max: 300_000 }),
      max_retries: int({ default: 4, min: 0, max: 10 }),
    }),
    access_token: secret(),
    app_secret: secret(),
    verify_token: secret(),
    app_id: str({ default: "", allowEmpty: true, pattern: GRAPH_ID, describe: "the Meta app id (digits)" }),
    accounts: list(
      obj({
        id: str({ pattern: GRAPH_ID, describe: `the ${ACCOUNT_KINDS[id]} (digits)` }),
        name: str({ default: "", allowEmpty: true }),
        access_token: secret(),
        waba_id: str({ default: "", allowEmpty: true, pattern: GRAPH_ID, describe: "the WhatsApp Business Account id (digits; WhatsApp only, for message templates)" }),
      }),
      { default: [] },
    ),
    human_agent: bool({ default: false }),
    invite: list(str({ pattern: INVITE_TARGET, describe: "a Matrix user id, room id or room alias" }), { default: [] }),
    permissions: permissionMap(),
  });
}

export const networksSection = obj({
  whatsapp: networkSection("whatsapp"),
  messenger: networkSection("messenger"),
  instagram: networkSection("instagram"),
});

export type NetworkConfig = Infer<ReturnType<typeof networkSection>>;
