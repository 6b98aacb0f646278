import { GraphError } from "../../graph/graph-error";

// Template refusals of the Cloud API (WhatsApp error-codes table); the titles are Meta's, the
// details what a bridge should log. 132001 is the one code of the table answered with HTTP 404.

export function parameterCountMismatch(details: string): GraphError {
  return new GraphError({ code: 132000, message: "(#132000) Number of parameters does not match the expected number of params", details });
}

export function templateDoesNotExist(details: string): GraphError {
  return new GraphError({ code: 132001, message: "(#132001) Template name does not exist in the translation", details });
}

export function hydratedTextTooLong(details: string): GraphError {
  return new GraphError({ code: 132005, message: "(#132005) Translated text too long", details });
}

export function parameterFormatMismatch(details: string): GraphError {
  return new GraphError({ code: 132012, message: "(#132012) Parameter format does not match format in the created template", details });
}

export function templatePaused(name: string): GraphError {
  return new GraphError({ code: 132015, message: "(#132015) Cannot send message with a paused template", details: `Template ${name} is paused due to low quality.` });
}

export function templateDisabled(name: string): GraphError {
  return new GraphError({ code: 132016, message: "(#132016) Cannot send message with a disabled template", details: `Template ${name} was paused too many times due to low quality and is now permanently disabled.` });
}
