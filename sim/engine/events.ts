// The engine's event kinds. An event is (time, kind, a, b, c) in the EventQueue; the comment
// on each kind says what its three integer arguments are.
export const enum Ev {
  /** a node boots at time 0: (node) */
  Start = 0,
  /** the next open-loop arrival */
  Arrival = 1,
  /** a closed-loop client finished thinking: (client) */
  Think = 2,
  /** a client attempt reaches a node: (node, attempt) */
  AttemptDeliver = 3,
  /** a node's reply reaches the client: (attempt, status, value — may exceed 32 bits) */
  ReplyDeliver = 4,
  /** the oldest open attempt's timeout is due (the clients keep the order) */
  AttemptTimeout = 5,
  /** an op's retry after backoff: (op, node hint or -1) */
  Retry = 6,
  /** a protocol message reaches a node: (to, message slot, from) */
  MessageDeliver = 7,
  /** a node's CPU finishes its current job: (node, epoch) */
  CpuDone = 8,
  /** a node's timer fires: (node, timer id, generation) */
  Timer = 9,
  /** a node's fsync completes: (node, token, epoch) */
  DiskDone = 10,
  /** a scheduled fault action: (action index) */
  Fault = 11,
  /** a crashed node recovers: (node) */
  Recover = 12,
  /** the architecture's periodic tick (health checks) */
  Tick = 13,
}
