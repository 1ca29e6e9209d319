/**
 * p, or a rejection with onTimeout() once the wall clock passes `deadline` (ms since the epoch).
 * The timer is a ref'd one on purpose: an unref'd timer (as AbortSignal.timeout's) lets a process
 * with nothing else pending exit while it waits. @internal
 */
export function raceDeadline<T>(p: Promise<T>, deadline: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, deadline - Date.now()));
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
