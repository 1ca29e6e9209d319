export * from "./api.js";
export { use, type Namespace } from "./use.js";
