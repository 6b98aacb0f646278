export * from "./primitives";
export { freeAll, using } from "./free";
export { loadLibolm } from "./libolm";
