import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { AccountListResponse, KfAccount } from './account.js';
import type { KfCallbackEvent, KfMsgOrEventCallback } from './callback.js';
import { type KfKnownFields, unlistedField } from './common.js';
import type { CustomerBatchgetResponse } from './customer.js';
import type { KfEndpointResponse, KfEndpoints } from './endpoints.js';
import type { KfEnterSessionEvent, KfEvent } from './event.js';
import type { KnowledgeListIntentResponse } from './knowledge.js';
import type { SyncMsgResponse, SyncMsgResponse as SyncMsgResponseSchema } from './message.js';
import {
  type KfMenuItem,
  type KfMsg,
  KfTextMsg,
  type KfUnknownMsg,
  parseKfMsg,
  type parseMergedMsgContent,
} from './received-message.js';

/*
 * What we receive is parsed loosely (a new platform field is kept), but its types list the known
 * fields only: a misspelt field is a compile error, not an `unknown`. Each `@ts-expect-error` below
 * is a typo a user could make; if an index signature came back, the line would compile and the
 * directive itself would fail the type tests.
 */

/** Whether T has a string index signature (`[k: string]: ...`). */
type HasIndexSignature<T> = string extends keyof T ? true : false;

describe('received messages list their known fields only', () => {
  it('refuses a misspelt payload field, at the top level and nested', () => {
    const m = parseKfMsg({});
    if (m.msgtype === 'text') {
      expectTypeOf(m.text.content).toEqualTypeOf<string>();
      // @ts-expect-error: `contnet` is not a field of text
      m.text.contnet;
      // @ts-expect-error: `extrenal_userid` is not a field of a message
      m.extrenal_userid;
    }
    if (m.msgtype === 'msgmenu') {
      const item = m.msgmenu.list?.[0];
      // @ts-expect-error: `lsit` is not a field of msgmenu
      m.msgmenu.lsit;
      if (item?.type === 'click') {
        // @ts-expect-error: `contents` is not a field of a click item
        item.click.contents;
      }
    }
    if (m.msgtype === 'merged_msg') {
      // @ts-expect-error: `msg_contents` is not a field of a merged item (arrays are covered too)
      m.merged_msg.item[0]?.msg_contents;
    }
  });

  it('has no index signature on any variant of the unions, nor on their payloads', () => {
    expectTypeOf<HasIndexSignature<KfMsg>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<KfTextMsg>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<KfTextMsg['text']>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<KfMenuItem>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<KfEvent>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<KfCallbackEvent>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<ReturnType<typeof parseMergedMsgContent>>>().toEqualTypeOf<false>();
  });

  it('types what the schema itself parses the same way (the schema carries KfKnownFields)', () => {
    const parsed = KfTextMsg.parse({});
    expectTypeOf(parsed).toEqualTypeOf<KfTextMsg>();
    // @ts-expect-error: `contnet` is not a field of text
    parsed.text.contnet;
    expectTypeOf<z.output<typeof KfTextMsg>>().toEqualTypeOf<KfTextMsg>();
    expectTypeOf<typeof KfTextMsg>().toEqualTypeOf<z.ZodObject<(typeof KfTextMsg)['shape'], KfKnownFields>>();
  });

  it('keeps the unknown variant usable: msgtype "unknown" with the raw item', () => {
    const m = parseKfMsg({ msgtype: 'brand_new', brand_new: {} });
    if (m.msgtype === 'unknown') {
      expectTypeOf(m).toEqualTypeOf<KfUnknownMsg>();
      expectTypeOf(m.raw).toEqualTypeOf<unknown>();
      expectTypeOf(m.msgid).toEqualTypeOf<string | undefined>();
      expectTypeOf(m.issues).toEqualTypeOf<z.core.$ZodIssue[] | undefined>();
      // @ts-expect-error: the payload of an unknown type is in `raw`, not on the variant
      m.brand_new;
    }
  });

  it('reads a field this version does not list through unlistedField, typed unknown', () => {
    const m = parseKfMsg({});
    expectTypeOf(unlistedField(m, 'new_platform_field')).toEqualTypeOf<unknown>();
    // @ts-expect-error: only objects have fields
    unlistedField('text', 'length');
  });
});

describe('events and callbacks list their known fields only', () => {
  it('refuses a misspelt event field', () => {
    const e = {} as KfEvent;
    if (e.event_type === 'enter_session') {
      expectTypeOf(e).toEqualTypeOf<KfEnterSessionEvent>();
      // @ts-expect-error: `welcomecode` is not a field of enter_session
      e.welcomecode;
      // @ts-expect-error: `nick_name` is not a field of wechat_channels
      e.wechat_channels?.nick_name;
    }
  });

  it('refuses a misspelt callback field', () => {
    const c = {} as KfMsgOrEventCallback;
    expectTypeOf(c.OpenKfId).toEqualTypeOf<string>();
    // @ts-expect-error: the field is `OpenKfId`
    c.OpenKfid;
  });
});

describe('responses list their known fields only', () => {
  it('refuses a misspelt response field, and one of its list items', () => {
    const page = {} as AccountListResponse;
    expectTypeOf(page.account_list).toEqualTypeOf<KfAccount[]>();
    // @ts-expect-error: the field is `account_list`
    page.acount_list;
    // @ts-expect-error: the field is `open_kfid`
    page.account_list[0]?.open_kfId;
    const customers = {} as CustomerBatchgetResponse;
    // @ts-expect-error: `scene_params` is not a field of enter_session_context
    customers.customer_list[0]?.enter_session_context?.scene_params;
    const intents = {} as KnowledgeListIntentResponse;
    // @ts-expect-error: `next_curosr` is not a field of the page
    intents.next_curosr;
  });

  it('gives KfEndpointResponse the known fields only, msg_list included', () => {
    expectTypeOf<KfEndpointResponse<'syncMsg'>>().toEqualTypeOf<SyncMsgResponse>();
    expectTypeOf<HasIndexSignature<KfEndpointResponse<'syncMsg'>>>().toEqualTypeOf<false>();
    expectTypeOf<KfEndpointResponse<'syncMsg'>['msg_list']>().toEqualTypeOf<KfMsg[]>();
    expectTypeOf<HasIndexSignature<KfEndpointResponse<'account.list'>>>().toEqualTypeOf<false>();
    const body = {} as KfEndpointResponse<'syncMsg'>;
    // @ts-expect-error: the field is `next_cursor`
    body.nextcursor;
  });

  it('names the schemas in the endpoint table rather than restating them', () => {
    expectTypeOf<(typeof KfEndpoints)['syncMsg']['response']>().toEqualTypeOf<typeof SyncMsgResponseSchema>();
    expectTypeOf<(typeof KfEndpoints)['media.get']['response']>().toEqualTypeOf<null>();
    expectTypeOf<(typeof KfEndpoints)['getToken']['authenticated']>().toEqualTypeOf<false>();
    expectTypeOf<(typeof KfEndpoints)['media.upload']['requestIn']>().toEqualTypeOf<'query+multipart'>();
  });
});

describe('what the platform may add later still parses (types only; the runtime is tested elsewhere)', () => {
  it('accepts a received object with an unlisted field as the schema input', () => {
    // The input type lists the known fields too, but a value from JSON (`unknown`) is what is parsed.
    expectTypeOf(KfTextMsg.parse).parameter(0).toEqualTypeOf<unknown>();
  });
});
