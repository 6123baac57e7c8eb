import { AccountAddRequest } from '@kf/types';
import { KfMockError } from '../../errors.js';
import type { KfMockScenario } from '../../scenario.js';
import { createAccount, liveAccount } from '../accounts.js';
import { storeMedia } from '../media.js';
import type { World } from '../world.js';
import { guard } from './guard.js';

const DEFAULT_CONTENT_TYPES = {
  image: 'image/jpeg',
  voice: 'audio/amr',
  video: 'video/mp4',
  file: 'application/octet-stream',
};
const DEFAULT_EXTENSIONS = { image: 'jpg', voice: 'amr', video: 'mp4', file: 'txt' };

type SetupSteps = Pick<
  KfMockScenario,
  | 'createAccount'
  | 'createMember'
  | 'createDepartment'
  | 'addServicer'
  | 'createCustomer'
  | 'createMedia'
  | 'configureUpgradeService'
  | 'setWechatChannelsBinding'
  | 'setCorpVerified'
>;

/** The steps that set up the corp: accounts, members, departments, customers, media. */
export function setupSteps(world: World): SetupSteps {
  const steps: SetupSteps = {
    createAccount(input = {}) {
      return guard('createAccount', () => {
        const avatar = storeMedia(world, {
          type: 'image',
          bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
          filename: 'avatar.jpg',
          contentType: 'image/jpeg',
        });
        const name = input.name ?? `客服${world.state.accountCount + 1}`;
        // The admin console has the API's name rule.
        if (!AccountAddRequest.shape.name.safeParse(name).success) {
          throw new KfMockError(`createAccount: the name must be 1 to 16 characters, got "${name}"`);
        }
        return createAccount(world, name, avatar.media_id).open_kfid;
      });
    },
    createMember({ userid, departments = [], activated = true }) {
      if (userid === '') throw new KfMockError('createMember needs a userid');
      if (world.state.members.has(userid)) throw new KfMockError(`member ${userid} already exists`);
      for (const id of departments) world.state.departments.add(id);
      world.state.members.set(userid, {
        userid,
        departments: [...departments],
        activated,
        status: 0,
        stop_type: 0,
      });
    },
    createDepartment(department_id) {
      if (!Number.isInteger(department_id) || department_id < 1) {
        throw new KfMockError(`a department id is a positive integer, got ${department_id}`);
      }
      world.state.departments.add(department_id);
    },
    addServicer(open_kfid, userid) {
      const account = guard('addServicer', () => liveAccount(world, open_kfid));
      if (!world.state.members.has(userid)) steps.createMember({ userid });
      account.members.add(userid);
    },
    createCustomer(input = {}) {
      const external_userid = `wm${world.random.string(30)}`;
      world.state.customers.set(external_userid, {
        external_userid,
        nickname: input.nickname ?? `客户${world.state.customers.size + 1}`,
        avatar: input.avatar ?? `https://wx.qlogo.cn/mmhead/${external_userid}/0`,
        gender: input.gender ?? 0,
        ...(input.unionid === undefined ? {} : { unionid: input.unionid }),
      });
      return external_userid;
    },
    createMedia({ type, bytes = 'kf-mock media', filename, contentType }) {
      const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
      return storeMedia(world, {
        type,
        bytes: data,
        filename: filename ?? `media.${DEFAULT_EXTENSIONS[type]}`,
        contentType: contentType ?? DEFAULT_CONTENT_TYPES[type],
      }).media_id;
    },
    configureUpgradeService({ userid_list = [], department_id_list = [], chat_id_list = [] }) {
      const { upgrade } = world.state;
      upgrade.userids.splice(0, Infinity, ...userid_list);
      upgrade.departmentIds.splice(0, Infinity, ...department_id_list);
      upgrade.chatIds.splice(0, Infinity, ...chat_id_list);
    },
    setWechatChannelsBinding(bound) {
      world.state.wechatChannelsBinding = bound;
    },
    setCorpVerified(verified) {
      world.state.corpVerified = verified;
    },
  };
  return steps;
}
