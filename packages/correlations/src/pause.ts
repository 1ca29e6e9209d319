/**
 * One turn of the event loop for long local computations that share the thread with a transport:
 * between kernel calls the socket writes what was sent (TCP corks a tick's sends until then) and
 * reads what arrived, so the peer is not kept waiting for bytes this party has already produced.
 */

/** Runs f as a macrotask: setImmediate (Node), else a MessageChannel message (browsers clamp setTimeout to 4 ms). */
const defer: (f: () => void) => void = typeof setImmediate === "function" ? setImmediate : messageDefer();

function messageDefer(): (f: () => void) => void {
  const waiting: Array<() => void> = [];
  let port: { postMessage(m: unknown): void } | undefined;
  return (f) => {
    if (!port) {
      const ch = new MessageChannel();
      (ch.port1 as unknown as { onmessage: () => void }).onmessage = () => waiting.shift()?.();
      port = ch.port2;
    }
    waiting.push(f);
    port.postMessage(0);
  };
}

/** Lets the event loop run once, so the transport writes and reads while this party computes. */
export function pause(): Promise<void> {
  return new Promise((resolve) => defer(resolve));
}
