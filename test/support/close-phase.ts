/**
 * Resolves once the event loop has run a close phase since the call. A handle whose close has
 * been asked for (a server's listening socket, an exited child process) is released only
 * there, and nothing says when: its 'close' event may come first. A test file that ended in
 * between would still hold it.
 */
export function closePhasePassed(): Promise<void> {
  // Two turns: an immediate set before this turn's check phase runs ahead of its close phase.
  return new Promise((resolve) => {
    setImmediate(() => {
      setImmediate(resolve);
    });
  });
}
