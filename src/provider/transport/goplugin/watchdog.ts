/**
 * A SIGKILLed Terraform never calls Shutdown; the orphaned plugin is re-parented. Poll the
 * parent pid and report when it changes. The timer is unref'd so it never keeps us alive.
 * `parent` should be read as early as possible: a parent dying before it is read goes unseen.
 */
export function watchParent(onParentGone: () => void, parent = process.ppid, intervalMs = 1000): () => void {
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onParentGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
