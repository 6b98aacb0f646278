const PHONE_DIGITS = /^[1-9][0-9]{6,14}$/;

/**
 * A WhatsApp id: a phone number in E.164 digits without the "+", or a business-scoped user id
 * (2026 usernames): a country code, ".", up to 128 alphanumerics; a parent BSUID has ".ENT.".
 */
export const WHATSAPP_USER_ID = /^(?:[1-9][0-9]{6,14}|[A-Z]{2}(?:\.ENT)?\.[A-Za-z0-9]{1,128})$/;

export function describeWhatsAppUser(remoteId: string): string {
  return PHONE_DIGITS.test(remoteId) ? `+${remoteId}` : remoteId;
}
