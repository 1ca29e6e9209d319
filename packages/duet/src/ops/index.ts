/** The operator table: one `OpSpec` per kernel operator, used as `vm.apply(ops.mul, [x, y], undefined)`. */
export * from "./arith.js";
export * from "./boolean.js";
export * from "./compare.js";
export * from "./convert.js";
export * from "./io.js";
export * from "./layout.js";
export * from "./nonlinear.js";
export * from "./order.js";
