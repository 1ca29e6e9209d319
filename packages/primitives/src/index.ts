export const RING_BITS = 64;
