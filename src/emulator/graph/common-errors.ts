import { GraphError } from "./graph-error";

// Graph errors every product shares. Codes are Meta's; wording is ours unless the text is a
// runtime string bridges are known to see (token and path errors).

export function missingAccessToken(): GraphError {
  return new GraphError({ code: 104, message: "An access token is required to request this resource." });
}

export function invalidAccessToken(): GraphError {
  return new GraphError({ code: 190, message: "Invalid OAuth access token - Cannot parse access token" });
}

export function tokenNotForObject(objectId: string): GraphError {
  return new GraphError({ code: 190, message: `Error validating access token: the token does not belong to object ${objectId}` });
}

export function ambiguousMe(): GraphError {
  return new GraphError({ code: 100, message: "(#100) This token belongs to several accounts; name the account id instead of /me" });
}

export function invalidAppSecretProof(): GraphError {
  return new GraphError({ code: 100, message: "(#100) Invalid appsecret_proof provided in the API argument" });
}

export function unknownPathComponents(path: string): GraphError {
  return new GraphError({ code: 2500, message: `Unknown path components: ${path}` });
}

export function unsupportedRequest(method: string, objectId: string): GraphError {
  return new GraphError({
    code: 100,
    subcode: 33,
    type: "GraphMethodException",
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  });
}

export function invalidParameter(details: string): GraphError {
  return new GraphError({ code: 100, message: `(#100) ${details}` });
}

export function nonexistingField(field: string, nodeType: string): GraphError {
  return invalidParameter(`Tried accessing nonexisting field (${field}) on node type (${nodeType})`);
}
