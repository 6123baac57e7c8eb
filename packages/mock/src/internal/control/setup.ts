import type { KfMock } from '../../create-kf-mock.js';
import type { KfMockSetupResult } from '../../setup.js';
import { defined, rangeInput, SetupBody } from './schemas.js';
import { parseBody } from './validate.js';

/**
 * Creates what a setup (seed file) describes: apps (self-built and third-party), members, accounts
 * with their servicers, managing apps and the third-party apps they are authorized to (each sends
 * its `kf_account_auth_change`), customers, then the callback configuration. Throws `KfMockError` for an invalid setup.
 */
export function applySetup(mock: KfMock, input: unknown): KfMockSetupResult {
  const setup = parseBody(SetupBody, input, 'setup');
  const { scenario, world } = mock;
  if (setup.corpVerified !== undefined) scenario.setCorpVerified(setup.corpVerified);
  if (setup.wechatChannelsBinding !== undefined)
    scenario.setWechatChannelsBinding(setup.wechatChannelsBinding);
  for (const { visibleRange, ...app } of setup.apps ?? []) {
    scenario.createApp(defined({ ...app, visibleRange: visibleRange && rangeInput(visibleRange) }));
  }
  for (const { visibleRange, callback, ...app } of setup.thirdPartyApps ?? []) {
    scenario.createThirdPartyApp(
      defined({
        ...app,
        visibleRange: visibleRange && rangeInput(visibleRange),
        callback: callback && defined(callback),
      }),
    );
  }
  for (const member of setup.members ?? []) scenario.createMember(defined(member));
  const accounts = (setup.accounts ?? []).map((account) => {
    const open_kfid = scenario.createAccount(defined({ name: account.name }));
    for (const userid of account.servicers ?? []) scenario.addServicer(open_kfid, userid);
    for (const app of account.managedBy ?? []) scenario.setAccountManaged({ app, open_kfid, managed: true });
    for (const app of account.authorizedTo ?? []) scenario.authorizeAccounts({ app, add: [open_kfid] });
    const name = world.accounts().find((live) => live.open_kfid === open_kfid)?.name ?? '';
    return { open_kfid, name };
  });
  const customers = (setup.customers ?? []).map((customer) => {
    const external_userid = scenario.createCustomer(defined(customer));
    const nickname =
      world.customers().find((live) => live.external_userid === external_userid)?.nickname ?? '';
    return { external_userid, nickname };
  });
  if (setup.callback !== undefined) mock.callbacks.configure(defined(setup.callback));
  return { accounts, customers };
}
