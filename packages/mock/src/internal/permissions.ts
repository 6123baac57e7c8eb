import type { KfEndpointName } from '@kf/types';
import { KF_ENDPOINT_PERMISSIONS } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import { fail } from './api-failure.js';
import type { AppState, World } from './world.js';

/** Whether `app` manages the account (the `manage_privilege` an account list reports). */
export function manages(app: AppState, open_kfid: string): boolean {
  return app.managesAll || app.managed.has(open_kfid);
}

/**
 * The checks that need only the app: a kf endpoint called by an app outside 「可调用接口的应用」
 * answers 48002, one whose API switch is off 95017.
 */
export function checkAppAccess(app: AppState, endpoint: KfEndpointName): void {
  if (KF_ENDPOINT_PERMISSIONS[endpoint] === 'none') return;
  if (!app.kfApi) fail(KfErrorCode.ApiForbidden, 'api forbidden');
  if (!app.apiSwitch) fail(KfErrorCode.ApiSwitchOff);
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
