import type { KfEndpointName } from '@kf/types';
import { KF_ENDPOINT_PERMISSIONS, KF_THIRD_PARTY_ONLY } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import { fail } from './api-failure.js';
import type { AppState, World } from './world.js';

/** Whether the member is inside the app's visible range: named, or in a department that is. */
export function memberVisible(world: World, app: AppState | undefined, userid: string): boolean {
  const range = app?.visibleRange;
  if (range === undefined || range.userids.has(userid)) return true;
  const member = world.state.members.get(userid);
  return member?.departments.some((id) => range.departmentIds.has(id)) ?? false;
}

/** Whether the department is inside the app's visible range. */
export function departmentVisible(app: AppState | undefined, department_id: number): boolean {
  const range = app?.visibleRange;
  return range === undefined || range.departmentIds.has(department_id);
}

/**
 * The answer for a member outside the calling app's visible range: 60011 (指定的成员/部门/标签参数无权限)
 * by default, 92000 (成员不在应用可见范围之内) with `behaviour.visibleRangeErrcode` (docs/api-facts.md,
 * "Visible range").
 */
export function failOutOfRange(world: World, userid: string): never {
  return fail(world.options.behaviour.visibleRangeErrcode, `${userid} is outside the app's visible range`);
}

/** Whether `app` manages the account (`manage_privilege` of `account/list`). */
export function manages(app: AppState, open_kfid: string): boolean {
  return app.managesAll || app.managed.has(open_kfid);
}

/**
 * The checks that need only the app: a kf endpoint called by an app outside 「可调用接口的应用」
 * answers 48002, one whose API switch is off 95017.
 */
export function checkAppAccess(app: AppState, endpoint: KfEndpointName): void {
  const permission = KF_ENDPOINT_PERMISSIONS[endpoint];
  if (permission === 'none') return;
  if (!app.kfApi) fail(KfErrorCode.ApiForbidden, 'api forbidden');
  if (!app.apiSwitch) fail(KfErrorCode.ApiSwitchOff);
  // The knowledge base: third-party and 代开发 apps "暂不支持" (the permission notes of the
  // knowledge pages). idconvert is the other way round: third-party and 代开发 tokens only
  // (official doc 97110).
  if (app.kind === 'third-party' && permission === 'knowledge') {
    fail(KfErrorCode.ApiForbidden, 'the knowledge base is not open to third-party apps');
  }
  if (app.kind !== 'third-party' && KF_THIRD_PARTY_ONLY.has(endpoint)) {
    fail(KfErrorCode.ApiForbidden, 'this API takes a third-party or 代开发 app token');
  }
}

/**
 * The checks that need the request: a management call (`KfPermission.Manage`) on a live account
 * the app does not manage answers 48007. Unknown and deleted accounts are left to the handler
 * (95004).
 */
export function checkManaged(world: World, app: AppState, endpoint: KfEndpointName, request: unknown): void {
  if (KF_ENDPOINT_PERMISSIONS[endpoint] !== 'manage') return;
  const open_kfid = (request as { open_kfid?: unknown }).open_kfid;
  if (typeof open_kfid !== 'string') return;
  const account = world.state.accounts.get(open_kfid);
  if (account === undefined || account.deleted) return;
  if (!manages(app, open_kfid)) fail(KfErrorCode.KfAccountNotAuthorized);
}

/**
 * An app may add a kf account only once it manages one: the docs require one configured first (the
 * code is not documented; the platform answers 48002).
 */
export function checkMayAddAccount(world: World, app: AppState): void {
  if (app.managesAll) return;
  const live = [...app.managed].some((open_kfid) => world.state.accounts.get(open_kfid)?.deleted === false);
  if (!live) fail(KfErrorCode.ApiForbidden, 'the app must manage a kf account before it can add one');
}
