import type {
  KfEndpointName,
  KfServiceState,
  KfWechatChannels,
  KnowledgeAddIntentRequest,
  MediaType,
} from '@kf/types';
import type { KfMockCallbackConfig } from '../callbacks.js';
import type { KfMockClock } from '../clock.js';
import type { ResolvedOptions } from '../options.js';
import type { Emitter } from './emitter.js';
import { createEmitter } from './emitter.js';
import type { FaultState } from './faults.js';
import type { HeldCall } from './holds.js';
import { releaseHeld } from './holds.js';
import type { Random } from './random.js';
import { createRandom } from './random.js';
import { RingBuffer } from './ring-buffer.js';

/** A received message or event exactly as `sync_msg` serves it. */
export type WireMessage = Record<string, unknown> & { msgid: string; send_time: number; origin: number };

/** One entry of an account's message log. `seq` grows by one per entry, per account. */
export interface LogEntry {
  readonly seq: number;
  /** When it was appended (ms). */
  readonly at: number;
  readonly message: WireMessage;
}

/** A kf account (客服账号). */
export interface AccountState {
  readonly open_kfid: string;
  /** Position among the accounts, carried in cursors so a cursor of another account is recognised. */
  readonly no: number;
  name: string;
  media_id: string;
  deleted: boolean;
  /** Servicer members (userids) and departments of this account. */
  readonly members: Set<string>;
  readonly departments: Set<number>;
  /** The log within the 3-day retention (older entries are pruned, see `pruneIfDue`). */
  readonly log: LogEntry[];
  /** The `seq` of the latest entry ever logged (0 before the first). */
  lastSeq: number;
  /** The path id of the account's contact links (`/kf/kfc...`). */
  readonly linkId: string;
  /** `enc_scene` per scene, so the same scene always gives the same link. */
  readonly encScenes: Map<string, string>;
  /** Times (ms) of recent `sync_msg` calls made without a callback token, for the strict rate limit. */
  tokenlessSyncCalls: number[];
}

/** A member of the corp (成员) who can be made a servicer. */
export interface MemberState {
  readonly userid: string;
  readonly departments: readonly number[];
  /** Whether the member activated WeCom; an inactive member cannot receive sessions (95014). */
  activated: boolean;
  /** servicer/list numbering: 0 接待中, 1 停止接待. */
  status: 0 | 1;
  /** When `status` is 1: 0 停止接待, 1 暂时挂起. */
  stop_type: 0 | 1;
}

/** What the customer entered a session with, kept for `customer/batchget`. */
export interface EnterContext {
  readonly scene?: string;
  readonly scene_param?: string;
  readonly wechat_channels?: KfWechatChannels;
}

/** A WeChat customer (微信客户). */
export interface CustomerState {
  readonly external_userid: string;
  nickname: string;
  avatar: string;
  gender: number;
  unionid?: string;
  /** Last entry into a session or message to any account (ms), for the batchget 48-hour rule. */
  lastActivityAt?: number;
  lastEnterAt?: number;
  lastEnterContext?: EnterContext;
}

/** The conversation of one customer with one kf account. */
export interface SessionState {
  readonly open_kfid: string;
  readonly external_userid: string;
  state: KfServiceState;
  servicer_userid?: string;
  /** The customer's last message (ms); starts the 48-hour window. */
  lastCustomerMsgAt?: number;
  /** Messages sent through `send_msg` since the customer's last message (5 at most). */
  sentSinceCustomerMsg: number;
  /** Whether this session already handed out its 回复语 code (first change to 2 or 3). */
  replyCodeIssued: boolean;
  /** Incremented whenever a new session starts, so codes of an old session die with it. */
  instance: number;
  /** When the last welcome message was sent (ms). */
  lastWelcomeAt?: number;
  /** A servicer set the customer to 「不再接收消息」. */
  rejected: boolean;
  /** When the current servicer took the session (ms), for first-reply statistics. */
  assignedAt?: number;
  /**
   * The servicer who last had the session, kept when it ends: a servicer re-joining the ended
   * session reports them as `old_servicer_userid` (change_type 4).
   */
  lastServicer?: string;
}

/** What a `send_msg_on_event` code is for. */
export type EventCodeKind = 'welcome' | 'pool' | 'take' | 'end';

/** A one-shot `welcome_code` / `msg_code`. */
export interface EventCodeState {
  readonly code: string;
  readonly kind: EventCodeKind;
  readonly open_kfid: string;
  readonly external_userid: string;
  /** The state the session must still be in (undefined for welcome codes). */
  readonly boundState?: KfServiceState;
  readonly instance: number;
  readonly expiresAt: number;
  used: boolean;
}

/** A message the app sent, as the customer would see it. */
export interface SentMessageState {
  readonly msgid: string;
  readonly open_kfid: string;
  readonly external_userid: string;
  readonly via: 'send_msg' | 'send_msg_on_event';
  /** ms. */
  readonly sentAt: number;
  /** `{ msgtype, <msgtype>: {...} }` as sent. */
  readonly content: Record<string, unknown>;
  /** The event code used, for `send_msg_on_event`. */
  readonly code?: string;
}

/** An uploaded or scenario-created temporary media file. */
export interface MediaState {
  readonly media_id: string;
  readonly type: MediaType;
  readonly bytes: Uint8Array;
  readonly filename: string;
  readonly contentType: string;
  /** ms. */
  readonly createdAt: number;
}

/** The name of the app whose secret is the `secret` option: it manages every kf account. */
export const DEFAULT_APP = 'default';

/**
 * An app's visible range (可见范围): the members it may name, directly or through one of their
 * departments. The mock's departments are flat, so a department in the range covers exactly its
 * own members.
 */
export interface VisibleRangeState {
  readonly userids: ReadonlySet<string>;
  readonly departmentIds: ReadonlySet<number>;
}

/**
 * An app of the corp with its own secret. The kf permission model (the notes repeated on every kf page): the
 * app must be in 「微信客服 - 可调用接口的应用」 (48002 otherwise), the basic app's API switch must be on
 * (95017 otherwise), management calls must concern an account the app manages (48007 otherwise):
 * one it created through `account/add`, or one the admin assigned; and the servicers it names must
 * be inside its visible range (60011).
 */
export interface AppState {
  readonly name: string;
  readonly secret: string;
  /**
   * `self-built` (自建应用), or `third-party`: a third-party / 代开发 app, whose token also comes
   * from `gettoken` with its own secret (as a 代开发 app's does), whose managed accounts are the
   * ones the admin authorized to it (each change announced by `kf_account_auth_change` to its own
   * callback URL), which may call `idconvert/open_kfid` and not the knowledge base.
   */
  readonly kind: 'self-built' | 'third-party';
  kfApi: boolean;
  apiSwitch: boolean;
  /** The default app manages every account (as if the admin assigned them all). */
  readonly managesAll: boolean;
  /** `open_kfid`s the app manages (for a third-party app: the accounts authorized to it). */
  readonly managed: Set<string>;
  /** The visible range; absent: the whole corp. */
  visibleRange?: VisibleRangeState;
  /** A third-party app's own callback (URL, Token, EncodingAESKey), for `kf_account_auth_change`. */
  callback?: KfMockCallbackConfig;
}

/** An access token handed out by `gettoken`. */
export interface TokenState {
  /** The app whose secret got the token. */
  readonly app: string;
  readonly token: string;
  readonly expiresAt: number;
  revoked: boolean;
}

/** A `sync_msg` token carried by a `kf_msg_or_event` notification. */
export interface SyncTokenState {
  readonly open_kfid: string;
  readonly expiresAt: number;
}

/** Facts the statistics endpoints are computed from. */
export type StatFact =
  | {
      readonly kind: 'customer_msg';
      readonly at: number;
      readonly open_kfid: string;
      readonly external_userid: string;
      readonly instance: number;
      readonly servicer_userid?: string;
    }
  | {
      readonly kind: 'session_assigned';
      readonly at: number;
      readonly open_kfid: string;
      readonly external_userid: string;
      readonly instance: number;
      readonly to: 'bot' | 'servicer';
      readonly servicer_userid?: string;
    }
  | {
      readonly kind: 'servicer_reply';
      readonly at: number;
      readonly open_kfid: string;
      readonly external_userid: string;
      readonly instance: number;
      readonly servicer_userid: string;
      readonly assignedAt: number;
    }
  | {
      readonly kind: 'rejected';
      readonly at: number;
      readonly open_kfid: string;
      readonly external_userid: string;
      readonly servicer_userid: string;
    }
  | {
      /** The platform sent the satisfaction survey (满意度评价) of a servicer's session. */
      readonly kind: 'survey_sent';
      readonly at: number;
      readonly open_kfid: string;
      readonly external_userid: string;
      readonly servicer_userid: string;
    }
  | {
      /** The customer answered a survey. */
      readonly kind: 'survey_answer';
      readonly at: number;
      readonly open_kfid: string;
      readonly external_userid: string;
      readonly servicer_userid: string;
      readonly answer: 'satisfied' | 'middling' | 'dissatisfied';
    }
  | {
      readonly kind: 'upgrade';
      readonly at: number;
      readonly open_kfid: string;
      readonly external_userid: string;
      readonly type: 1 | 2;
      readonly servicer_userid?: string;
    };

/** Everything the mock knows; replaced as a whole by `reset()`. */
export interface WorldState {
  readonly accounts: Map<string, AccountState>;
  readonly members: Map<string, MemberState>;
  readonly departments: Set<number>;
  readonly customers: Map<string, CustomerState>;
  readonly sessions: Map<string, SessionState>;
  readonly codes: Map<string, EventCodeState>;
  readonly sent: SentMessageState[];
  /**
   * msgids of the messages the app sent per account (`send_msg` and `send_msg_on_event`, chosen by
   * the caller or generated), for the platform's rule that a caller's msgid is unique in the
   * account. Received messages are not included: their ids are the platform's own and never
   * collide with a caller's in practice (see the README).
   */
  readonly usedMsgids: Map<string, Set<string>>;
  readonly media: Map<string, MediaState>;
  readonly tokens: Map<string, TokenState>;
  /** The valid token of each app, which `gettoken` hands out again until it expires or is revoked. */
  readonly currentTokens: Map<string, TokenState>;
  /** The corp's apps by name (the default app first). */
  readonly apps: Map<string, AppState>;
  readonly syncTokens: Map<string, SyncTokenState>;
  /** The latest `sync_msg` token per account. */
  readonly latestSyncToken: Map<string, string>;
  readonly stats: StatFact[];
  readonly upgrade: {
    readonly userids: string[];
    readonly departmentIds: number[];
    readonly chatIds: string[];
  };
  /** The recommendation per customer and account (`open_kfid\u0000external_userid`). */
  readonly upgrades: Map<string, { readonly type: 1 | 2; readonly target: string }>;
  wechatChannelsBinding: boolean;
  /** Whether the corp is verified (主体已验证); starts as `options.corpVerified`. */
  corpVerified: boolean;
  /** Customers the corp has served through `send_msg` (the cap of `KF_CUSTOMER_CAPS` counts them). */
  readonly servedCustomers: Set<string>;
  readonly knowledge: KnowledgeState;
  /** Next account number. */
  accountCount: number;
  /** Injected faults waiting for their calls. */
  readonly faults: FaultState[];
  /** Calls waiting on a `hold` fault, in arrival order. */
  readonly held: HeldCall[];
  /** The id of the latest held call. */
  heldCount: number;
  /** The latest API calls the mock answered, in order (`maxCallRecords` of them at most). */
  readonly calls: RingBuffer<CallRecord>;
  /** When `pruneIfDue` last ran (mock ms). */
  prunedAt: number;
}

/** One answered API call. */
export interface CallRecord {
  readonly endpoint: KfEndpointName;
  readonly method: string;
  /** ms. */
  readonly at: number;
  /** The errcode answered; `null` when the connection was dropped or bytes were served. */
  readonly errcode: number | null;
  /** The call was handled (`errcode` says how) but its answer was lost (`loseResponseNext`). */
  readonly lost?: true;
  /** What the request sent that the platform tolerates and a strict mock refuses; absent when clean. */
  readonly warnings?: readonly string[];
}

/** The knowledge base (知识库). */
export interface KnowledgeState {
  readonly groups: Map<string, KnowledgeGroupState>;
  readonly intents: Map<string, KnowledgeIntentState>;
  /** The `seq` of the next group or Q&A: list cursors name the last `seq` served. */
  nextSeq: number;
}

/** A knowledge group (知识库分组). */
export interface KnowledgeGroupState {
  readonly group_id: string;
  name: string;
  readonly is_default: 0 | 1;
  /** Creation order; never reused, so a cursor survives the deletion of any item. */
  readonly seq: number;
}

/** A Q&A (问答) as stored: the request parts, as given. */
export interface KnowledgeIntentState {
  readonly intent_id: string;
  /** Creation order; never reused, so a cursor survives the deletion of any item. */
  readonly seq: number;
  readonly group_id: string;
  question: KnowledgeAddIntentRequest['question'];
  similar_questions?: NonNullable<KnowledgeAddIntentRequest['similar_questions']>;
  answers: KnowledgeAddIntentRequest['answers'];
}

/** What the world announces; callback delivery (`internal/callbacks`) listens here. */
export interface WorldEvents extends Record<string, unknown> {
  /** New messages or events for `open_kfid`: the platform would push a `kf_msg_or_event` callback. */
  kf_msg_or_event: { readonly open_kfid: string; readonly token: string; readonly createTime: number };
  /** The admin changed which accounts are authorized to a third-party app: it gets `kf_account_auth_change`. */
  kf_account_auth_change: {
    readonly app: string;
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly createTime: number;
  };
}

/** The mock's world: options, time, randomness, state and the notification hook. */
export interface World {
  readonly options: ResolvedOptions;
  readonly clock: KfMockClock;
  readonly events: Emitter<WorldEvents>;
  random: Random;
  state: WorldState;
  /** Clears the state and re-seeds the generator (time goes on). */
  reset(): void;
}

function emptyState(random: Random, options: ResolvedOptions): WorldState {
  const { maxCallRecords, secret, corpVerified } = options;
  const defaultGroupId = random.string(24);
  return {
    accounts: new Map(),
    members: new Map(),
    departments: new Set(),
    customers: new Map(),
    sessions: new Map(),
    codes: new Map(),
    sent: [],
    usedMsgids: new Map(),
    media: new Map(),
    tokens: new Map(),
    currentTokens: new Map(),
    apps: new Map([
      [
        DEFAULT_APP,
        {
          name: DEFAULT_APP,
          secret,
          kind: 'self-built',
          kfApi: true,
          apiSwitch: true,
          managesAll: true,
          managed: new Set(),
        },
      ],
    ]),
    syncTokens: new Map(),
    latestSyncToken: new Map(),
    stats: [],
    upgrade: { userids: [], departmentIds: [], chatIds: [] },
    upgrades: new Map(),
    wechatChannelsBinding: false,
    corpVerified,
    servedCustomers: new Set(),
    knowledge: {
      groups: new Map([
        [defaultGroupId, { group_id: defaultGroupId, name: '默认分组', is_default: 1, seq: 1 }],
      ]),
      intents: new Map(),
      nextSeq: 2,
    },
    accountCount: 0,
    faults: [],
    held: [],
    heldCount: 0,
    calls: new RingBuffer(maxCallRecords),
    prunedAt: Number.NEGATIVE_INFINITY,
  };
}

/** Creates an empty world. */
export function createWorld(options: ResolvedOptions): World {
  const random = createRandom(options.seed);
  const world: World = {
    options,
    clock: options.clock,
    events: createEmitter<WorldEvents>(),
    random,
    state: emptyState(random, options),
    reset() {
      // A held call must not wait out its bound for a world that is gone.
      releaseHeld(world.state.held);
      world.random = createRandom(options.seed);
      world.state = emptyState(world.random, options);
    },
  };
  return world;
}

/** The session key of a customer and an account. */
export function sessionKey(open_kfid: string, external_userid: string): string {
  return `${open_kfid}\u0000${external_userid}`;
}

/** Current mock time in unix seconds. */
export function nowSeconds(world: World): number {
  return Math.floor(world.clock.now() / 1000);
}
