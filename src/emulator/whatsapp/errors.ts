import { GraphError } from "../graph/graph-error";

// WhatsApp Cloud API refusals (research notes §5.2); details are what bridges should log.

export function reEngagementRequired(): GraphError {
  return new GraphError({
    code: 131047,
    message: "(#131047) Re-engagement message",
    details: "More than 24 hours have passed since this user last wrote to the business number; only a template can be sent now.",
  });
}

export function undeliverable(to: string): GraphError {
  return new GraphError({ code: 131026, message: "(#131026) Message undeliverable", details: `Nobody with number ${to} can receive messages from this business number.` });
}

export function invalidParameterValue(details: string): GraphError {
  return new GraphError({ code: 131009, message: "(#131009) Parameter value is not valid", details });
}

export function mediaUploadError(details: string): GraphError {
  return new GraphError({ code: 131053, message: "(#131053) Media upload error", details });
}
