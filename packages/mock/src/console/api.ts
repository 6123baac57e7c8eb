/*
 * The console talks to the mock only through the documented control API (`/__kf_mock/*`): the page
 * is also its living example. These are the shapes it reads, as the README documents them.
 */

/** A JSON object as the mock sends it. */
export type Json = Record<string, unknown>;

export interface Account {
  readonly open_kfid: string;
  readonly name: string;
  readonly servicer_userids: readonly string[];
}

export interface Customer {
  readonly external_userid: string;
  readonly nickname: string;
}

export interface Session {
  readonly open_kfid: string;
  readonly external_userid: string;
  readonly service_state: number;
  readonly servicer_userid?: string;
  readonly rejected: boolean;
}

export interface Sent {
  readonly msgid: string;
  readonly open_kfid: string;
  readonly external_userid: string;
  readonly via: string;
  readonly sent_at: number;
  readonly content: Json;
}

export interface Call {
  readonly endpoint: string;
  readonly method: string;
  readonly at: number;
  readonly errcode: number | null;
  readonly lost?: true;
  /** Where the mock read a request more leniently than the strict schema (when the mock says so). */
  readonly warnings?: readonly string[];
}

export interface Delivery {
  readonly id: number;
  readonly via: string;
  readonly notification: { readonly OpenKfId?: string };
  readonly outcome: string;
  readonly attempts: readonly { readonly status: number | null; readonly error?: string }[];
}

/** A call waiting on a `hold` fault, as `GET /__kf_mock/held` lists it. */
export interface Held {
  readonly id: number;
  readonly endpoint: string;
  readonly method: string;
  readonly at: number;
  readonly maxMs: number;
}

export interface Snapshot {
  readonly clock: { readonly now: number; readonly iso: string };
  readonly accounts: readonly Account[];
  readonly customers: readonly Customer[];
  readonly sessions: readonly Session[];
  readonly messages: Readonly<Record<string, readonly Json[]>>;
  readonly sent: readonly Sent[];
  readonly calls: readonly Call[];
  readonly deliveries: readonly Delivery[];
  readonly callback: { readonly url: string } | null;
  readonly held: readonly Held[];
}

/** One event of `GET /__kf_mock/events`. */
export type WorldEvent =
  | { readonly type: 'snapshot'; readonly reason: string; readonly world: Snapshot }
  | { readonly type: 'log'; readonly open_kfid: string; readonly message: Json }
  | { readonly type: 'sent'; readonly sent: Sent }
  | { readonly type: 'session'; readonly session: Session; readonly from: number | null }
  | { readonly type: 'call'; readonly call: Call }
  | { readonly type: 'delivery'; readonly delivery: Delivery }
  | { readonly type: 'clock'; readonly now: number; readonly iso: string }
  | { readonly type: 'accounts'; readonly accounts: readonly Account[] }
  | { readonly type: 'customers'; readonly customers: readonly Customer[] }
  | { readonly type: 'callback'; readonly callback: { readonly url: string } | null }
  | { readonly type: 'held'; readonly held: readonly Held[] };

/** A control request the mock refused, with its `{ error: { message } }`. */
export class ControlError extends Error {}

/** Calls a control route; resolves with its JSON answer, rejects with the mock's own message. */
export async function control(method: string, path: string, body?: unknown): Promise<Json> {
  const response = await fetch(`/__kf_mock${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const answer = (await response.json()) as Json;
  if (!response.ok) {
    const error = answer.error as { message?: string } | undefined;
    throw new ControlError(error?.message ?? `HTTP ${response.status}`);
  }
  return answer;
}

/** The bytes of a picked file in base64, for `POST /__kf_mock/media`. */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
