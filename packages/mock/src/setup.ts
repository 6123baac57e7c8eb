import type { KfMockCallbackConfig } from './callbacks.js';
import type { KfMockVisibleRange } from './scenario.js';

/**
 * A starting world for the standalone server: the CLI's `--seed-file`, `start({ setup })` and
 * `POST /__kf_mock/setup` take this shape (as JSON). Ids are generated from the seed, so the same
 * file and seed always give the same `open_kfid`s and `external_userid`s.
 */
export interface KfMockSetup {
  /** Whether the corp is verified, as `scenario.setCorpVerified` (the customer and account caps). */
  readonly corpVerified?: boolean;
  /** Whether the corp has a bound 视频号, as `scenario.setWechatChannelsBinding`. */
  readonly wechatChannelsBinding?: boolean;
  /** Self-built apps with their own secrets, as `scenario.createApp` (the permission model). */
  readonly apps?: readonly {
    readonly name: string;
    readonly secret: string;
    readonly kfApi?: boolean;
    readonly apiSwitch?: boolean;
    /** The app's visible range (可见范围); default: the whole corp. */
    readonly visibleRange?: KfMockVisibleRange;
  }[];
  /**
   * Third-party / 代开发 apps, as `scenario.createThirdPartyApp`: a secret for `gettoken`, their own
   * callback for `kf_account_auth_change`, a visible range.
   */
  readonly thirdPartyApps?: readonly {
    readonly name: string;
    readonly secret: string;
    readonly callback?: KfMockCallbackConfig;
    readonly visibleRange?: KfMockVisibleRange;
  }[];
  /** Corp members who can become servicers (members named in `accounts[].servicers` are created anyway). */
  readonly members?: readonly {
    readonly userid: string;
    readonly departments?: readonly number[];
    readonly activated?: boolean;
  }[];
  /**
   * kf accounts to create, each with its servicers (userids), the apps (by name) the admin lets
   * manage it besides the default app, and the third-party apps it is authorized to.
   */
  readonly accounts?: readonly {
    readonly name?: string;
    readonly servicers?: readonly string[];
    readonly managedBy?: readonly string[];
    readonly authorizedTo?: readonly string[];
  }[];
  /** WeChat customers to create. */
  readonly customers?: readonly {
    readonly nickname?: string;
    readonly avatar?: string;
    readonly gender?: number;
    readonly unionid?: string;
  }[];
  /** Callback configuration, as `mock.callbacks.configure`. */
  readonly callback?: KfMockCallbackConfig;
}

/** What a {@link KfMockSetup} created, in the order given. */
export interface KfMockSetupResult {
  readonly accounts: readonly { readonly open_kfid: string; readonly name: string }[];
  readonly customers: readonly { readonly external_userid: string; readonly nickname: string }[];
}
