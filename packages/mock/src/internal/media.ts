import type { MediaType } from '@kf/types';
import { MEDIA_ID_TTL_SECONDS } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import { fail } from './api-failure.js';
import type { MediaState, World } from './world.js';

/** The media `media_id` if it exists, is under 3 days old and (when given) of `type`; 40007 otherwise. */
export function usableMedia(world: World, media_id: string, type?: MediaType): MediaState {
  const media = world.state.media.get(media_id);
  if (
    media === undefined ||
    world.clock.now() - media.createdAt >= MEDIA_ID_TTL_SECONDS * 1000 ||
    (type !== undefined && media.type !== type)
  ) {
    return fail(KfErrorCode.InvalidMediaId, 'invalid media_id');
  }
  return media;
}

/** Stores a media file and returns it. */
export function storeMedia(
  world: World,
  input: { type: MediaType; bytes: Uint8Array; filename: string; contentType: string },
): MediaState {
  const media: MediaState = {
    media_id: `3${world.random.string(63)}`,
    createdAt: world.clock.now(),
    ...input,
  };
  world.state.media.set(media.media_id, media);
  return media;
}
