import type { KfEndpointName } from './endpoints.js';

/**
 * The permission an app needs for an endpoint (the permission notes repeated on
 * every kf page): the third-party / 代开发 permission names, which also say which calls of a
 * self-built app must concern a kf account the app manages.
 */
export const KfPermission = {
  /** 「微信客服->获取基础信息」: account list, contact-way URL, servicer list, customer info. */
  Basic: 'basic',
  /**
   * 「微信客服->管理账号、分配会话和收发消息」: the kf account named by `open_kfid` must be one the app
   * manages (48007 otherwise).
   */
  Manage: 'manage',
  /** 「微信客服->服务工具->获取客服数据统计」. */
  Statistic: 'statistic',
  /** 「微信客服权限->服务工具->配置「升级服务」」. */
  UpgradeService: 'upgrade_service',
  /** The knowledge base: self-built apps only (third-party and 代开发 "暂不支持"). */
  Knowledge: 'knowledge',
  /** Not a kf permission: `gettoken` and the generic media API. */
  None: 'none',
} as const;
export type KfPermission = (typeof KfPermission)[keyof typeof KfPermission];

/** The permission each endpoint of `KfEndpoints` needs. */
export const KF_ENDPOINT_PERMISSIONS: Readonly<Record<KfEndpointName, KfPermission>> = Object.freeze({
  'account.add': 'manage',
  'account.del': 'manage',
  'account.update': 'manage',
  'account.list': 'basic',
  addContactWay: 'basic',
  'servicer.add': 'manage',
  'servicer.del': 'manage',
  'servicer.list': 'basic',
  'serviceState.get': 'manage',
  'serviceState.trans': 'manage',
  syncMsg: 'manage',
  sendMsg: 'manage',
  sendMsgOnEvent: 'manage',
  'customer.batchget': 'basic',
  'customer.getUpgradeServiceConfig': 'upgrade_service',
  'customer.upgradeService': 'upgrade_service',
  'customer.cancelUpgradeService': 'upgrade_service',
  getCorpQualification: 'basic',
  getCorpStatistic: 'statistic',
  getServicerStatistic: 'statistic',
  'knowledge.addGroup': 'knowledge',
  'knowledge.delGroup': 'knowledge',
  'knowledge.modGroup': 'knowledge',
  'knowledge.listGroup': 'knowledge',
  'knowledge.addIntent': 'knowledge',
  'knowledge.delIntent': 'knowledge',
  'knowledge.modIntent': 'knowledge',
  'knowledge.listIntent': 'knowledge',
  'media.upload': 'none',
  'media.get': 'none',
  // Official doc 97110: 「微信客服->管理账号、分配会话和收发消息」, and third-party / 代开发 apps only.
  'idconvert.openKfid': 'manage',
  getToken: 'none',
});

/**
 * Endpoints only a third-party or 代开发 app's token may call (`idconvert/open_kfid`, official doc
 * 97110); a self-built app's token is refused.
 */
export const KF_THIRD_PARTY_ONLY: ReadonlySet<KfEndpointName> = new Set<KfEndpointName>([
  'idconvert.openKfid',
]);
