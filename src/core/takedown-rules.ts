/**
 * The life of a takedown notice (《信息网络传播权保护条例》 arts. 14–17): received, enforced at
 * once unless created otherwise, then restored (a counter-notice) or rejected. Every change of
 * status is written into the takedown's history with who made it; the archive stamps the times
 * and the history, never the caller.
 */
export const TAKEDOWN_STATUSES = ['enforced', 'restored', 'rejected'] as const;
export type TakedownStatus = (typeof TAKEDOWN_STATUSES)[number];
export const TAKEDOWN_SCOPES = ['article', 'story'] as const;
export type TakedownScope = (typeof TAKEDOWN_SCOPES)[number];

export interface Actor {
  kind: 'admin' | 'api-token' | 'system';
  name: string;
}

export interface StateChange {
  status: TakedownStatus;
  at: string;
  actor: Actor['kind'];
  by: string;
}

export interface TakedownFields {
  status?: TakedownStatus | null;
  receivedAt?: string | null;
  enforcedAt?: string | null;
  restoredAt?: string | null;
  history?: unknown;
  [field: string]: unknown;
}

const STAMPED = ['enforcedAt', 'restoredAt', 'history'] as const;

function stampStatus(data: TakedownFields, status: TakedownStatus, history: StateChange[], actor: Actor, now: Date): void {
  const at = now.toISOString();
  data.status = status;
  if (status === 'enforced') data.enforcedAt = at;
  if (status === 'restored') data.restoredAt = at;
  data.history = [...history, { status, at, actor: actor.kind, by: actor.name }];
}

/** A new notice: enforced at once unless created with another status, received now unless told. */
export function stampNewTakedown(input: TakedownFields, actor: Actor, now: Date): TakedownFields {
  const data: TakedownFields = { ...input };
  for (const field of STAMPED) delete data[field];
  data.receivedAt = input.receivedAt ?? now.toISOString();
  stampStatus(data, input.status ?? 'enforced', [], actor, now);
  return data;
}

/** An edit: a change of status is stamped and recorded; anything else leaves times and history alone. */
export function stampTakedownUpdate(
  input: TakedownFields,
  previous: { status: TakedownStatus; history: StateChange[] },
  actor: Actor,
  now: Date,
): TakedownFields {
  const data: TakedownFields = { ...input };
  for (const field of STAMPED) delete data[field];
  if (data.status === undefined || data.status === null || data.status === previous.status) {
    delete data.status;
    return data;
  }
  stampStatus(data, data.status, previous.history, actor, now);
  return data;
}
