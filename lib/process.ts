// Children of the local stack supervisor must not outlive it, even when it is killed with
// SIGKILL and cannot stop them: when the parent changes, stop.
export function exitWithParent(stop: () => unknown): void {
  if (!process.env.PLAYFORGE_STACK_RUN_DIR) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      void Promise.resolve(stop()).finally(() => setTimeout(() => process.exit(1), 10_000).unref());
    }
  }, 1000);
  timer.unref();
}
