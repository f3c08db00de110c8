// The longest request an input allows: its own length, capped by the model's longest request. Rounded down
// to a tenth of a second, so the value the console fills in is the one it shows and never over the input.
export function longestRequest(durationSeconds: number | null, maxSeconds: number): number | undefined {
  if (durationSeconds === null || !(durationSeconds > 0)) return undefined;
  return Math.floor(Math.min(durationSeconds, maxSeconds) * 10) / 10;
}

/** The seconds asked for, when they are more than the input allows: the fix is then `longest`. */
export function asksTooLong(seconds: string | undefined, longest: number | undefined): boolean {
  const asked = Number(seconds);
  return longest !== undefined && seconds !== undefined && seconds.trim() !== '' && asked > longest;
}
