// The local emulator of Meta's Graph API (WhatsApp Cloud API, Messenger Platform, Instagram
// Messaging) and of the signed webhooks Meta sends: for tests, and for trying Switchboard without
// a Meta account (`npm run emulator`).
export { startGraphEmulator } from "./graph-emulator";
export type {
  DeliveredWebhook,
  DeliverOptions,
  EmulatedNetwork,
  EmulatorAccount,
  EmulatorOptions,
  EmulatorUser,
  GraphEmulator,
  HttpStatusMode,
  InboundMessage,
  InboundResult,
  InjectedFailure,
  RecordedRequest,
  RequestKind,
  SentFilter,
  SignatureMode,
  VerificationResult,
  WebhookFilter,
  WebhookKind,
  WebhookResponse,
} from "./types";
export { EMULATED_NETWORKS } from "./types";
export type {
  DeliveredToPerson,
  InboundContacts,
  InboundDeletion,
  InboundEdit,
  InboundFile,
  InboundFileKind,
  InboundLocation,
  InboundMedia,
  InboundMediaResult,
  InboundReaction,
  InboundUnsupported,
  PersonTarget,
  PersonWebhookResult,
  ReadByPerson,
  SentMedia,
  SentMediaFilter,
  StatusUpdate,
  WhatsAppStatus,
} from "./person-types";
export type { EmulatorTemplate, SentTemplate, SentTemplateFilter, StoredTemplate, TemplateCategory, TemplateStatus } from "./template-types";
export { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from "./template-types";
