// Ballots: round × nodes + id, so no two nodes ever propose under the same ballot.

/** Node `id`'s ballot (of `n`) in the round after the one `seen` belongs to: ballots never
 *  collide, and every campaign starts a new round, as every Raft election starts a new term. */
export const nextBallot = (seen: number, id: number, n: number): number => (Math.floor(seen / n) + 1) * n + id;

/** The election round of a ballot (how many rounds of phase 1 lie between two ballots). */
export const ballotRound = (ballot: number, n: number): number => Math.floor(ballot / n);
