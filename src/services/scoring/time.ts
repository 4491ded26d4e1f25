// Time spent scoring, for the member's involvement record (reciprocity): counted from activity on
// the server, without any tracking in the browser. Each save adds the time since the member's
// last save (or since they signed in), and a gap longer than 20 minutes counts as 20 minutes, so
// a break or a forgotten tab does not count as scoring.
export const LONGEST_GAP_SECONDS = 20 * 60;

export function activitySeconds(lastActiveAt: string | null, now: Date): number {
  if (lastActiveAt === null) return 0;
  const gap = Math.floor((now.getTime() - new Date(lastActiveAt).getTime()) / 1000);
  return Number.isFinite(gap) && gap > 0 ? Math.min(gap, LONGEST_GAP_SECONDS) : 0;
}
