/**
 * Whether a process still runs, for the files a run leaves behind with its pid in them
 * (the build lock, the temporary root): those of a process that no longer runs are stale.
 */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
