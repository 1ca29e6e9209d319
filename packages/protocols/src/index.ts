export type * from "./correlations.js";
