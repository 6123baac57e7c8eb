import { KfErrorCode } from '@kf/types/errors';
import { fail } from './api-failure.js';
import type { AccountState, World } from './world.js';

/** The most accounts an unverified corp may create (95027 beyond). */
export const UNVERIFIED_CORP_MAX_ACCOUNTS = 10;

/** Creates a kf account, enforcing the corp's account limit (95027 unverified, 95005 otherwise). */
export function createAccount(world: World, name: string, media_id: string): AccountState {
  const live = [...world.state.accounts.values()].filter((account) => !account.deleted).length;
  if (!world.state.corpVerified && live >= UNVERIFIED_CORP_MAX_ACCOUNTS)
    return fail(KfErrorCode.UnverifiedCorpKfAccountLimit);
  if (live >= world.options.maxAccounts) return fail(KfErrorCode.KfAccountLimitExceeded);
  const account: AccountState = {
    open_kfid: `wk${world.random.string(30)}`,
    no: world.state.accountCount++,
    name,
    media_id,
    deleted: false,
    members: new Set(),
    departments: new Set(),
    log: [],
    lastSeq: 0,
    linkId: `kfc${world.random.hex(16)}`,
    encScenes: new Map(),
    tokenlessSyncCalls: [],
  };
  world.state.accounts.set(account.open_kfid, account);
  return account;
}

/** The account `open_kfid`, or 95004 (open_kfid不存在) when it is unknown or deleted. */
export function liveAccount(world: World, open_kfid: string): AccountState {
  const account = world.state.accounts.get(open_kfid);
  if (account === undefined || account.deleted)
    return fail(KfErrorCode.OpenKfIdNotFound, 'open_kfid not exist');
  return account;
}

/** The account's avatar URL, derived from its media id so it changes when the avatar does. */
export function avatarUrl(account: AccountState): string {
  return `https://wework.qpic.cn/wwhead/${encodeURIComponent(account.media_id)}/0`;
}

/**
 * The contact link of an account and scene: `https://work.weixin.qq.com/kf/kfc...?enc_scene=...`.
 * The same scene always gives the same link, so a link stays valid.
 */
export function contactUrl(world: World, account: AccountState, scene: string): string {
  let enc = account.encScenes.get(scene);
  if (enc === undefined) {
    enc = `ENC${world.random.string(20)}`;
    account.encScenes.set(scene, enc);
  }
  return `https://work.weixin.qq.com/kf/${account.linkId}?enc_scene=${enc}`;
}

/** What a contact link resolves to, or `undefined` when it is not a link of this world. */
export function resolveContactUrl(
  world: World,
  url: string,
): { account: AccountState; scene: string; scene_param?: string } | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const linkId = parsed.pathname.replace(/^\/kf\//, '');
  const enc = parsed.searchParams.get('enc_scene');
  for (const account of world.state.accounts.values()) {
    if (account.linkId !== linkId) continue;
    for (const [scene, value] of account.encScenes) {
      if (value !== enc) continue;
      const param = parsed.searchParams.get('scene_param');
      return param === null ? { account, scene } : { account, scene, scene_param: param };
    }
  }
  return undefined;
}
