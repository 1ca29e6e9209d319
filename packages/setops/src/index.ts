/**
 * @petace/setops: set operations on two parties' keyed tables. See README.md.
 */
export {};
