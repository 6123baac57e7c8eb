import type { KfEndpointName } from './endpoints.js';

/**
 * How a list endpoint pages, with the wire names of the fields involved.
 *
 * - `cursor`: the request carries the previous page's `next_cursor` as `cursor`; the response says
 *   `has_more` (0/1) and gives `next_cursor`. The server's `has_more` decides, never the number of
 *   items: a page may be empty while more follow.
 * - `offset`: the request carries `offset` and `limit`; the response has no "more" flag, and the
 *   docs say to stop at a page holding fewer items than `limit`.
 */
export type KfPaging =
  | {
      readonly kind: 'cursor';
      /** Request field: where to continue. */
      readonly cursor: 'cursor';
      /** Response field: the cursor of the next page. */
      readonly nextCursor: 'next_cursor';
      /** Response field: whether more pages follow (0/1). */
      readonly hasMore: 'has_more';
      /** Response field: the page's items. */
      readonly list: string;
    }
  | {
      readonly kind: 'offset';
      /** Request field: zero-based index of the first item. */
      readonly offset: 'offset';
      /** Request field: most items per page. */
      readonly limit: 'limit';
      /** Response field: the page's items. */
      readonly list: string;
    };

/**
 * What a generic layer needs to know about an endpoint beyond its path and schemas: whether a retry
 * is safe, what a success must carry, how the endpoint pages. The client's core and the mock's
 * pipeline read these facts instead of naming endpoints.
 */
export interface KfEndpointFacts {
  /**
   * The call creates something (an account, a knowledge group or intent, a session assignment with
   * its `msg_code`): a lost answer may hide a success, so replaying the call after an ambiguous
   * failure (network error, timeout, −1) may create it twice. Reads, setters and deletes are safe
   * to replay; so are sends, which the caller's `msgid` makes idempotent.
   */
  readonly creates: boolean;
  /**
   * The request field that identifies what is sent and that a success must echo (a send's
   * `msgid`, matched later against a `msg_send_fail` event). A success without it is not a
   * receipt.
   */
  readonly receipt: 'msgid' | null;
  /**
   * The envelope is checked whatever the client's validation mode: a send must never be taken for
   * accepted, nor an access token for issued, on the strength of a body that does not say so.
   */
  readonly alwaysChecked: boolean;
  /** How the endpoint pages, or `null` when it returns everything at once. */
  readonly paging: KfPaging | null;
}

const plain = { creates: false, receipt: null, alwaysChecked: false, paging: null } as const;
const creating = { ...plain, creates: true } as const;
const send = { ...plain, receipt: 'msgid', alwaysChecked: true } as const;
const cursorPaged = <L extends string>(list: L) =>
  ({
    ...plain,
    paging: { kind: 'cursor', cursor: 'cursor', nextCursor: 'next_cursor', hasMore: 'has_more', list },
  }) as const;

/**
 * The protocol facts of every endpoint of {@link KfEndpoints}, keyed the same way (a missing
 * endpoint does not compile). Kept beside the endpoint table rather than inside it: the table says
 * how to call an endpoint, this one what a generic layer may assume about the call.
 */
export const KfEndpointFacts = {
  'account.add': creating,
  'account.del': plain,
  'account.update': plain,
  'account.list': {
    ...plain,
    paging: { kind: 'offset', offset: 'offset', limit: 'limit', list: 'account_list' },
  },
  addContactWay: plain,
  'servicer.add': plain,
  'servicer.del': plain,
  'servicer.list': plain,
  'serviceState.get': plain,
  // Moving a session to the pool (2) or to a servicer (3) hands out a one-shot `msg_code` the
  // first time only: a replay after a lost answer cannot get it back.
  'serviceState.trans': creating,
  syncMsg: cursorPaged('msg_list'),
  sendMsg: send,
  sendMsgOnEvent: send,
  'customer.batchget': plain,
  'customer.getUpgradeServiceConfig': plain,
  'customer.upgradeService': plain,
  'customer.cancelUpgradeService': plain,
  getCorpQualification: plain,
  getCorpStatistic: plain,
  getServicerStatistic: plain,
  'knowledge.addGroup': creating,
  'knowledge.delGroup': plain,
  'knowledge.modGroup': plain,
  'knowledge.listGroup': cursorPaged('group_list'),
  'knowledge.addIntent': creating,
  'knowledge.delIntent': plain,
  'knowledge.modIntent': plain,
  'knowledge.listIntent': cursorPaged('intent_list'),
  // Each upload stores a new file under a new media_id; a duplicate is harmless and expires in
  // 3 days, so an upload is replayed like a read.
  'media.upload': plain,
  'media.get': plain,
  'idconvert.openKfid': plain,
  getToken: { ...plain, alwaysChecked: true },
} as const satisfies Record<KfEndpointName, KfEndpointFacts>;
