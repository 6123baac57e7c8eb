import type { KfEndpointName, KfServiceState, MediaType } from '@kf/types';
import { KfMockError } from './errors.js';
import { RETENTION_MS } from './internal/retention.js';
import { expireIfSilent } from './internal/sessions.js';
import type { SessionState, World } from './internal/world.js';
import { sessionKey } from './internal/world.js';

/** A kf account (客服账号) as the mock holds it; a record of `world.accounts()`. */
export interface KfMockAccount {
  /** The account's id (`wk…`). */
  readonly open_kfid: string;
  /** The account's name (1–16 characters). */
  readonly name: string;
  /** The avatar's media id. */
  readonly media_id: string;
  /** Servicer members (userids) and departments. */
  readonly servicer_userids: readonly string[];
  readonly servicer_department_ids: readonly number[];
}

/** A WeChat customer (客户) as the mock holds it; a record of `world.customers()`. */
export interface KfMockCustomer {
  /** The customer's id (`wm…`). */
  readonly external_userid: string;
  /** The WeChat nickname. */
  readonly nickname: string;
  /** The avatar URL. */
  readonly avatar: string;
  /** 0 unknown, 1 male, 2 female, as `customer/batchget` answers. */
  readonly gender: number;
  /** The unionid, when the customer has one. */
  readonly unionid?: string;
}

/** The state of a customer's session with a kf account; what `world.session()` returns. */
export interface KfMockSession {
  /** 0–4, see `KfServiceState`. */
  readonly service_state: KfServiceState;
  /** The servicer, in state 3. */
  readonly servicer_userid?: string;
  /** The customer's last message (ms since the epoch). */
  readonly last_customer_msg_at?: number;
  /** `send_msg` messages since that message (at most 5). */
  readonly sent_since_customer_msg: number;
  /** Whether a servicer rejects the customer's messages. */
  readonly rejected: boolean;
}

/** A session with the account and customer it belongs to, as `world.sessions()` lists it. */
export interface KfMockSessionEntry extends KfMockSession {
  readonly open_kfid: string;
  readonly external_userid: string;
}

/**
 * A message the app sent to a customer, through `send_msg` or `send_msg_on_event`; a record of
 * `world.sent()`.
 */
export interface KfMockSentMessage {
  /** The message's id: the caller's `msgid`, or the one the mock generated. */
  readonly msgid: string;
  readonly open_kfid: string;
  /** The customer (`touser` of the request). */
  readonly external_userid: string;
  /** The endpoint it was sent through. */
  readonly via: 'send_msg' | 'send_msg_on_event';
  /** ms since the epoch. */
  readonly sent_at: number;
  /** `{ msgtype, <msgtype>: {...} }` as sent. */
  readonly content: Readonly<Record<string, unknown>>;
  /** The event code, for `send_msg_on_event`. */
  readonly code?: string;
}

/** A stored temporary media file (临时素材); what `world.media()` returns. */
export interface KfMockMedia {
  readonly media_id: string;
  /** `image`, `voice`, `video` or `file`. */
  readonly type: MediaType;
  /** The file name it was uploaded (or created) with. */
  readonly filename: string;
  /** The content type `media/get` answers with. */
  readonly content_type: string;
  /** The file's bytes (a copy). */
  readonly bytes: Uint8Array;
  /** ms since the epoch. */
  readonly created_at: number;
}

/** One API call the mock answered; a record of `world.calls()`. */
export interface KfMockCall {
  /** The endpoint's name in `KfEndpoints` (`'sendMsg'`, `'account.add'`, …). */
  readonly endpoint: KfEndpointName;
  /** The HTTP method the call used. */
  readonly method: string;
  /** ms since the epoch. */
  readonly at: number;
  /** The errcode answered; `null` for a dropped connection or a file served by `media/get`. */
  readonly errcode: number | null;
  /**
   * `true` when the call was handled (its changes kept, `errcode` what it would have answered) but
   * the answer was lost by a `loseResponseNext` fault; absent otherwise.
   */
  readonly lost?: true;
  /**
   * Each leniency the mock applied to read the request as the platform does, e.g.
   * `ignored unknown field "agentid"`, `empty "cursor" read as absent`; absent when the request
   * was clean (and always with `strictRequests`, which refuses such requests instead).
   */
  readonly warnings?: readonly string[];
}

/** A call waiting on a `holdNext` fault; a record of `world.held()`. */
export interface KfMockHeldCall {
  /** What `scenario.releaseHeld(id)` takes. */
  readonly id: number;
  readonly endpoint: KfEndpointName;
  readonly method: string;
  /** Mock ms when the call arrived. */
  readonly at: number;
  /** Real ms after which the call goes on by itself. */
  readonly maxMs: number;
}

/** A read-only view of the mock's world. Every method returns a fresh copy. */
export interface KfMockWorld {
  /** The live (not deleted) kf accounts, in creation order. */
  accounts(): KfMockAccount[];
  /** Every customer, in creation order. */
  customers(): KfMockCustomer[];
  /**
   * The session of a customer with an account (state 4 when nothing happened between them yet).
   * Throws `KfMockError` when the account or the customer was never created: a typo in a test
   * must not read as an ended session.
   */
  session(open_kfid: string, external_userid: string): KfMockSession;
  /**
   * Every session something happened in (a customer entered or wrote, a servicer or the app acted),
   * in the order they began; a console's waiting pool is those in state 2.
   */
  sessions(): KfMockSessionEntry[];
  /**
   * The account's log as `sync_msg` serves it: messages and events of the last 3 days (older ones
   * are past the platform's retention and forgotten).
   */
  messages(open_kfid: string): Readonly<Record<string, unknown>>[];
  /** What the app sent, in order; filter by account and/or customer. */
  sent(filter?: { readonly open_kfid?: string; readonly external_userid?: string }): KfMockSentMessage[];
  /** The `Token` of the latest `kf_msg_or_event` notification for the account (valid 10 minutes). */
  latestCallbackToken(open_kfid: string): string | undefined;
  /** A stored media file. */
  media(media_id: string): KfMockMedia | undefined;
  /** The API calls answered, in order: the latest `maxCallRecords` (default 10 000) of them. */
  calls(): KfMockCall[];
  /** The calls waiting on a `holdNext` fault, in arrival order. */
  held(): KfMockHeldCall[];
}

function viewOfSession(world: World, session: SessionState): KfMockSession {
  expireIfSilent(world, session);
  return {
    service_state: session.state,
    ...(session.servicer_userid === undefined ? {} : { servicer_userid: session.servicer_userid }),
    ...(session.lastCustomerMsgAt === undefined ? {} : { last_customer_msg_at: session.lastCustomerMsgAt }),
    sent_since_customer_msg: session.sentSinceCustomerMsg,
    rejected: session.rejected,
  };
}

/** The read-only view over `world`. */
export function createWorldView(world: World): KfMockWorld {
  return {
    accounts: () =>
      [...world.state.accounts.values()]
        .filter((account) => !account.deleted)
        .map((account) => ({
          open_kfid: account.open_kfid,
          name: account.name,
          media_id: account.media_id,
          servicer_userids: [...account.members],
          servicer_department_ids: [...account.departments],
        })),
    customers: () =>
      [...world.state.customers.values()].map((customer) => ({
        external_userid: customer.external_userid,
        nickname: customer.nickname,
        avatar: customer.avatar,
        gender: customer.gender,
        ...(customer.unionid === undefined ? {} : { unionid: customer.unionid }),
      })),
    session(open_kfid, external_userid) {
      // Deleted accounts stay known: their sessions are still worth inspecting.
      if (!world.state.accounts.has(open_kfid))
        throw new KfMockError(`world.session: no account ${open_kfid}`);
      if (!world.state.customers.has(external_userid)) {
        throw new KfMockError(`world.session: no customer ${external_userid}`);
      }
      const session = world.state.sessions.get(sessionKey(open_kfid, external_userid));
      if (session === undefined) return { service_state: 4, sent_since_customer_msg: 0, rejected: false };
      return viewOfSession(world, session);
    },
    sessions: () =>
      [...world.state.sessions.values()].map((session) => ({
        open_kfid: session.open_kfid,
        external_userid: session.external_userid,
        ...viewOfSession(world, session),
      })),
    messages: (open_kfid) => {
      // Within the retention, whether or not the older entries were pruned yet.
      const cutoff = world.clock.now() - RETENTION_MS;
      return (world.state.accounts.get(open_kfid)?.log ?? [])
        .filter((entry) => entry.at > cutoff)
        .map((entry) => structuredClone(entry.message));
    },
    sent: (filter = {}) =>
      world.state.sent
        .filter(
          (sent) =>
            (filter.open_kfid === undefined || sent.open_kfid === filter.open_kfid) &&
            (filter.external_userid === undefined || sent.external_userid === filter.external_userid),
        )
        .map((sent) => ({
          msgid: sent.msgid,
          open_kfid: sent.open_kfid,
          external_userid: sent.external_userid,
          via: sent.via,
          sent_at: sent.sentAt,
          content: structuredClone(sent.content),
          ...(sent.code === undefined ? {} : { code: sent.code }),
        })),
    latestCallbackToken: (open_kfid) => world.state.latestSyncToken.get(open_kfid),
    media(media_id) {
      const media = world.state.media.get(media_id);
      if (media === undefined) return undefined;
      return {
        media_id,
        type: media.type,
        filename: media.filename,
        content_type: media.contentType,
        bytes: media.bytes.slice(),
        created_at: media.createdAt,
      };
    },
    calls: () =>
      world.state.calls
        .toArray()
        .map((call) => ({ ...call, ...(call.warnings ? { warnings: [...call.warnings] } : {}) })),
    held: () =>
      world.state.held.map(({ id, endpoint, method, at, maxMs }) => ({ id, endpoint, method, at, maxMs })),
  };
}
