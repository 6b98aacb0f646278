// WhatsApp message templates as the emulator keeps them per WhatsApp Business Account (WABA).

/** What Meta says of a template's review; only APPROVED ones can be sent. */
export const TEMPLATE_STATUSES = [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "PENDING_DELETION",
  "DELETED",
  "LIMIT_EXCEEDED",
  "ARCHIVED",
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** A template of a WABA: its body text holds {{1}}, {{2}}… (or named {{first_name}}) placeholders. */
export interface EmulatorTemplate {
  name: string;
  /** e.g. en_US */
  language: string;
  /** default APPROVED */
  status?: TemplateStatus;
  /** default UTILITY */
  category?: TemplateCategory;
  body: string;
}

/** A template with every optional detail filled in. */
export interface StoredTemplate extends Required<EmulatorTemplate> {
  id: string;
  wabaId: string;
}

/** A template message the bridge sent: what the person reads. */
export interface SentTemplate {
  accountId: string;
  wabaId: string;
  /** the wa_id it went to */
  recipientId: string;
  messageId: string;
  name: string;
  language: string;
  category: TemplateCategory;
  /** the body parameters' texts, in the order sent */
  parameters: string[];
  /** the body with the parameters filled in */
  rendered: string;
  at: number;
}

export interface SentTemplateFilter {
  accountId?: string;
  recipientId?: string;
}
