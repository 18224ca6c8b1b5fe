// What the budget's message counts of the kinds that elect a leader share.

/** Heartbeats and their answers per second of `groups` groups of `size` members each. */
export const heartbeatRate = (groups: number, size: number, heartbeat: number): number => (groups * 2 * (size - 1)) / (heartbeat / 1e6);
