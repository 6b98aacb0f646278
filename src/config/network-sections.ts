import { bool, obj, str, type Infer } from "./schema-dsl";

/** The networks Switchboard can bridge, by config key (also their Matrix third-party protocol id). */
export const NETWORK_IDS = ["whatsapp", "messenger", "instagram"] as const;
export type ConfiguredNetworkId = (typeof NETWORK_IDS)[number];

export const NETWORK_LABELS: Record<ConfiguredNetworkId, string> = {
  whatsapp: "WhatsApp",
  messenger: "Messenger",
  instagram: "Instagram",
};

const LOCALPART_PREFIX = /^[a-z0-9._=/-]+_$/;
const MXC_URI = /^mxc:\/\/[A-Za-z0-9.:-]+\/[A-Za-z0-9_-]+$/;

export const mxcUri = (defaultValue = "") =>
  str({ default: defaultValue, allowEmpty: true, pattern: MXC_URI, describe: 'an mxc:// URI (or "" for none)' });

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
  });
}

export const networksSection = obj({
  whatsapp: networkSection("whatsapp"),
  messenger: networkSection("messenger"),
  instagram: networkSection("instagram"),
});

export type NetworkConfig = Infer<ReturnType<typeof networkSection>>;
