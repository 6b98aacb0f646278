import type { ObservableLog } from "../graph/observable-log";
import type { SentTemplate } from "../template-types";
import type { MediaStore } from "./media-store";
import type { TemplateStore } from "./templates/template-store";

/** What the WhatsApp product keeps besides the shared services: uploads, each WABA's templates, and the templates sent. */
export interface WhatsAppStores {
  media: MediaStore;
  templates: TemplateStore;
  sentTemplates: ObservableLog<SentTemplate>;
}
