import type { EmulatorTemplate } from "../../template-types";

/**
 * What a WABA has when a test or the CLI configures nothing: Meta's sample hello_world (no
 * parameters), templates with positional parameters in two languages, one with a named
 * parameter, and one still in review (listed, never sendable).
 */
export const DEFAULT_TEMPLATES: readonly EmulatorTemplate[] = [
  {
    name: "hello_world",
    language: "en_US",
    category: "UTILITY",
    body: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.",
  },
  { name: "order_update", language: "en_US", category: "UTILITY", body: "Hi {{1}}, your order {{2}} has shipped and should arrive on {{3}}." },
  { name: "follow_up", language: "en_US", category: "UTILITY", body: "Hello {{1}}, we are following up on your request. Reply to this message to continue the conversation." },
  { name: "follow_up", language: "de", category: "UTILITY", body: "Hallo {{1}}, wir melden uns zu Ihrer Anfrage. Antworten Sie auf diese Nachricht, um das Gespräch fortzusetzen." },
  { name: "appointment_reminder", language: "en_US", category: "UTILITY", body: "Hi {{customer_name}}, this is a reminder of your appointment. Reply to confirm, {{customer_name}}." },
  { name: "seasonal_offer", language: "en_US", category: "MARKETING", status: "PENDING", body: "Our seasonal offer is here: {{1}}% off until {{2}}." },
];
