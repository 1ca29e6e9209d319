/** The first address past the module's own static data: the JS side lays out its scratch from here. */
export function heapBase(): usize {
  return __heap_base;
}
