import type { HttpHandler } from 'msw';
import { route } from '../internal/pipeline.js';
import type { World } from '../internal/world.js';

/** `get_corp_qualification`: whether the corp has a bound 视频号. */
export function corpHandlers(world: World): HttpHandler[] {
  return [
    route(world, 'getCorpQualification', () => ({
      wechat_channels_binding: world.state.wechatChannelsBinding,
    })),
  ];
}
