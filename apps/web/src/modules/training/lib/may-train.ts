// Who starts and cancels training runs (the API's rule: training spends the workspace's compute).
export function mayTrain(role: string | undefined): boolean {
  return role === 'OWNER' || role === 'ENGINEER';
}
