import type { KfEnterSessionEvent } from '@kf/types';
import { describe, expectTypeOf, it } from 'vitest';
import { createKfMock } from './create-kf-mock.js';
import type { KfMockMessageContent } from './scenario.js';
import type { KfMockSetup } from './setup.js';

/*
 * The mock's inputs list the known fields only: a misspelt msgtype or field is a compile error, as
 * the mock would refuse it at run time. Each `@ts-expect-error` is such a typo.
 */

const ids = { open_kfid: 'wk', external_userid: 'wm' };

describe('scenario messages', () => {
  it('accepts every received type a customer can send, with its payload', () => {
    const { scenario } = createKfMock();
    scenario.customerSends({ ...ids, message: { msgtype: 'text', text: { content: 'hi' } } });
    scenario.customerSends({ ...ids, message: { msgtype: 'image', image: { media_id: 'm' } } });
    scenario.servicerReplies({
      ...ids,
      servicer_userid: 'zhangsan',
      message: { msgtype: 'location', location: { latitude: 1, longitude: 2 } },
    });
    expectTypeOf<KfMockMessageContent['msgtype']>().toEqualTypeOf<
      | 'text'
      | 'image'
      | 'voice'
      | 'video'
      | 'file'
      | 'location'
      | 'link'
      | 'business_card'
      | 'miniprogram'
      | 'msgmenu'
      | 'channels_shop_product'
      | 'channels_shop_order'
      | 'channels'
      | 'merged_msg'
    >();
  });

  it('refuses a misspelt msgtype, a misspelt payload key or field, and an event', () => {
    const { scenario } = createKfMock();
    // @ts-expect-error: `txet` is not a msgtype
    scenario.customerSends({ ...ids, message: { msgtype: 'txet', txet: { content: 'hi' } } });
    // @ts-expect-error: the payload of a text is under `text`
    scenario.customerSends({ ...ids, message: { msgtype: 'text', txet: { content: 'hi' } } });
    // @ts-expect-error: the field is `content`
    scenario.customerSends({ ...ids, message: { msgtype: 'text', text: { contnet: 'hi' } } });
    scenario.servicerReplies({
      ...ids,
      servicer_userid: 'zhangsan',
      // @ts-expect-error: the field is `media_id`
      message: { msgtype: 'image', image: { mediaid: 'm' } },
    });
    scenario.customerSends({
      ...ids,
      // @ts-expect-error: events are produced by the mock, not sent
      message: { msgtype: 'event', event: { event_type: 'enter_session', ...ids } },
    });
  });
});

describe('other scenario and seed inputs', () => {
  it('types the enter_session result as the event and refuses a misspelt context field', () => {
    const { scenario } = createKfMock();
    const entered = scenario.enterSession({
      ...ids,
      scene: 's',
      wechat_channels: { nickname: 'n', scene: 1 },
    });
    expectTypeOf(entered?.event).toEqualTypeOf<KfEnterSessionEvent | undefined>();
    // @ts-expect-error: the field is `welcome_code`
    entered?.event.welcomecode;
    // @ts-expect-error: the field is `nickname`
    scenario.enterSession({ ...ids, wechat_channels: { nick_name: 'n' } });
    // @ts-expect-error: the field is `scene_param`
    scenario.enterSession({ ...ids, scene: 's', scene_params: 'p' });
  });

  it('refuses a misspelt field of a seed file', () => {
    const setup: KfMockSetup = {
      members: [{ userid: 'zhangsan' }],
      // @ts-expect-error: the field is `servicers`
      accounts: [{ name: 'a', servicer: ['zhangsan'] }],
    };
    expectTypeOf(setup).toEqualTypeOf<KfMockSetup>();
  });
});
