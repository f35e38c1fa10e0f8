/**
 * The life of a takedown notice (《信息网络传播权保护条例》 arts. 14–17): received, enforced at
 * once unless created otherwise, then restored (a counter-notice) or rejected. Every change of
 * state is written into the takedown's history with who made it; the archive stamps the times
 * and the history, never the caller.
 */
const TAKEDOWN_STATUSES = ['enforced', 'restored', 'rejected'] as const;
export type TakedownStatus = (typeof TAKEDOWN_STATUSES)[number];
const TAKEDOWN_SCOPES = ['article', 'story'] as const;
export type TakedownScope = (typeof TAKEDOWN_SCOPES)[number];

export interface Actor {
  kind: 'admin' | 'api-token' | 'system';
  name: string;
}

export interface StateChange {
  state: TakedownStatus;
  at: string;
  actor: Actor['kind'];
  by: string;
}

export interface TakedownFields {
  /** `state`, not `status`: Strapi 5's admin reads a body's `status` as draft/published. */
  state?: TakedownStatus | null;
  receivedAt?: string | null;
  enforcedAt?: string | null;
  restoredAt?: string | null;
  history?: unknown;
  [field: string]: unknown;
}

const STAMPED = ['enforcedAt', 'restoredAt', 'history'] as const;

function stampState(data: TakedownFields, state: TakedownStatus, history: StateChange[], actor: Actor, now: Date): void {
  const at = now.toISOString();
  data.state = state;
  if (state === 'enforced') data.enforcedAt = at;
  if (state === 'restored') data.restoredAt = at;
  data.history = [...history, { state, at, actor: actor.kind, by: actor.name }];
}

/** A new notice: enforced at once unless created in another state, received now unless told. */
export function stampNewTakedown(input: TakedownFields, actor: Actor, now: Date): TakedownFields {
  const data: TakedownFields = { ...input };
  for (const field of STAMPED) delete data[field];
  data.receivedAt = input.receivedAt ?? now.toISOString();
  stampState(data, input.state ?? 'enforced', [], actor, now);
  return data;
}

/** An edit: a change of state is stamped and recorded; anything else leaves times and history alone. */
export function stampTakedownUpdate(
  input: TakedownFields,
  previous: { state: TakedownStatus; history: StateChange[] },
  actor: Actor,
  now: Date,
): TakedownFields {
  const data: TakedownFields = { ...input };
  for (const field of STAMPED) delete data[field];
  if (data.state === undefined || data.state === null || data.state === previous.state) {
    delete data.state;
    return data;
  }
  stampState(data, data.state, previous.history, actor, now);
  return data;
}
