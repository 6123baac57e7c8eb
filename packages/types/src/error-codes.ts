/**
 * The platform's error codes that a kf client can meet, with what each means and what to do.
 *
 * Sources: the official global error code page (doc 90313) for every `zh` text, except 830002
 * (media/get page, doc 96486) and 95021 (升级服务 page, doc 94674), which 90313 does not list and
 * whose `zh` is a paraphrase of those pages (their `zhSource` says so); the callback crypto codes
 * come from the official WXBizMsgCrypt library ({@link KfCryptoErrorCode}).
 *
 * This module is zod-free: it is exported through `@kf/types/errors`.
 */
import { KfCryptoErrorCode } from './crypto-error-codes.js';

/**
 * What kind of failure a code is: a small closed set a client can branch on.
 *
 * - `success`: 0, not an error.
 * - `busy`: the platform is temporarily unavailable (−1); retry with backoff.
 * - `rate_limit`: frequency or concurrency limit (45009, 45033); retry after waiting.
 * - `auth`: the access token is missing, invalid or expired; refresh it (40014, 42001) or fix the
 *   caller (41001).
 * - `config`: the deployment's credentials or environment are wrong (secret, corpid, trusted IP,
 *   kf mode vs. secret); fix the configuration, never retry.
 * - `permission`: the app, the corp or the kf account lacks a right (authorisation, visible
 *   range, API switch, corp verification).
 * - `invalid_request`: the request itself is malformed or names something invalid; fix the call.
 * - `media`: a media file or media id is unusable (type, size, format, expiry).
 * - `kf_rule`: a 微信客服 business rule refused the call (send quota, 48 h window, session
 *   state, event codes, account limits, servicer status).
 * - `crypto`: the callback crypto library failed (never returned by the HTTP API).
 */
export const KfErrorCategory = {
  Success: 'success',
  Busy: 'busy',
  RateLimit: 'rate_limit',
  Auth: 'auth',
  Config: 'config',
  Permission: 'permission',
  InvalidRequest: 'invalid_request',
  Media: 'media',
  KfRule: 'kf_rule',
  Crypto: 'crypto',
} as const;

/** One of the {@link KfErrorCategory} values. */
export type KfErrorCategory = (typeof KfErrorCategory)[keyof typeof KfErrorCategory];

/** The shape every table entry is checked against; {@link KfErrorCodeInfo} is its public, narrowed form. */
interface ErrorCodeEntry {
  readonly code: number;
  readonly name: string;
  readonly zh: string;
  readonly zhSource?: string;
  readonly en: string;
  readonly errmsg?: string;
  readonly retryable: boolean;
  readonly category: KfErrorCategory;
  readonly hint: string;
}

/*
 * The table, in ascending code order: every code the kf pages and the global error-code page (doc
 * 90313) document for this API. Left out: 95010, 95020, 95024, 95025, 95028 and 95029, which other
 * sources mention but the official page has no entry for, so there is neither a meaning nor a
 * remediation to give. They are left out on purpose rather than filled with
 * "undocumented": `describeErrorCode` returns `undefined` for them, exactly as for any code the
 * platform adds later, and a caller falls back to the response's own `errmsg`.
 */
const ENTRIES = [
  // Callback crypto library (WXBizMsgCrypt). Library-side only: the HTTP API never returns these.
  {
    code: KfCryptoErrorCode.GenReturnXmlError,
    name: 'GenReturnXmlError',
    zh: '生成xml失败',
    en: 'Building the encrypted reply XML failed.',
    retryable: false,
    category: 'crypto',
    hint: 'Library-internal failure while building the reply envelope. Check that the encrypted text, signature, timestamp and nonce passed to the builder are strings.',
  },
  {
    code: KfCryptoErrorCode.DecodeBase64Error,
    name: 'DecodeBase64Error',
    zh: 'base64解密失败',
    en: 'The ciphertext is not valid base64.',
    retryable: false,
    category: 'crypto',
    hint: 'Pass the `Encrypt` element or the `echostr` query parameter unmodified. URL-decode query parameters exactly once: a `+` turned into a space, or a double decode, breaks the base64.',
  },
  {
    code: KfCryptoErrorCode.EncodeBase64Error,
    name: 'EncodeBase64Error',
    zh: 'base64加密失败',
    en: 'Base64 encoding failed.',
    retryable: false,
    category: 'crypto',
    hint: 'Library-internal failure while encoding the encrypted reply; report it with the input length.',
  },
  {
    code: KfCryptoErrorCode.IllegalBuffer,
    name: 'IllegalBuffer',
    zh: '解密后得到的buffer非法',
    en: 'The decrypted plaintext has an inconsistent layout (length prefix).',
    retryable: false,
    category: 'crypto',
    hint: 'Usually a wrong EncodingAESKey or a truncated ciphertext. Copy the EncodingAESKey again from the callback settings (微信客服 → API → 回调配置) and pass the whole `Encrypt` value.',
  },
  {
    code: KfCryptoErrorCode.DecryptAESError,
    name: 'DecryptAESError',
    zh: 'aes 解密失败',
    en: 'AES decryption failed (wrong key, bad padding or ciphertext length).',
    retryable: false,
    category: 'crypto',
    hint: 'The EncodingAESKey is not the one configured for this callback URL, or the ciphertext was altered in transit. Copy the key again from the callback settings (微信客服 → API → 回调配置).',
  },
  {
    code: KfCryptoErrorCode.EncryptAESError,
    name: 'EncryptAESError',
    zh: 'aes 加密失败',
    en: 'AES encryption failed.',
    retryable: false,
    category: 'crypto',
    hint: 'Library-internal failure while encrypting a reply. Check that the EncodingAESKey is valid (43 base64 characters).',
  },
  {
    code: KfCryptoErrorCode.ValidateCorpidError,
    name: 'ValidateCorpidError',
    zh: 'corpid 校验错误',
    en: 'The ReceiveId inside the decrypted message is not the expected one.',
    retryable: false,
    category: 'crypto',
    hint: 'Configure the ReceiveId the platform uses for this callback: the corpid (管理后台 → 我的企业 → 企业信息 → 企业ID) for a self-built app, the suite_id for a third-party app.',
  },
  {
    code: KfCryptoErrorCode.IllegalAesKey,
    name: 'IllegalAesKey',
    zh: 'AESKey 非法',
    en: 'The EncodingAESKey is not 43 characters of base64.',
    retryable: false,
    category: 'crypto',
    hint: 'The EncodingAESKey must be exactly 43 base64 characters, without the trailing `=`. Copy it again from the callback settings (微信客服 → API → 回调配置).',
  },
  {
    code: KfCryptoErrorCode.ComputeSignatureError,
    name: 'ComputeSignatureError',
    zh: 'sha加密生成签名失败',
    en: 'Computing the SHA-1 signature failed.',
    retryable: false,
    category: 'crypto',
    hint: 'Library-internal failure. Check that token, timestamp, nonce and the encrypted text are all strings.',
  },
  {
    code: KfCryptoErrorCode.ParseXmlError,
    name: 'ParseXmlError',
    zh: 'xml解析失败',
    en: 'The callback envelope or the decrypted plaintext is not the expected XML.',
    retryable: false,
    category: 'crypto',
    hint: 'Pass the raw request body (not a parsed or re-serialised object) and make sure the request really is a WeCom callback POST with an `Encrypt` element.',
  },
  {
    code: KfCryptoErrorCode.ValidateSignatureError,
    name: 'ValidateSignatureError',
    zh: '签名验证错误',
    en: 'msg_signature does not match.',
    retryable: false,
    category: 'crypto',
    hint: 'The callback Token you verify with differs from the one configured (微信客服 → API → 回调配置), or the signed value was altered: sign `echostr` / `Encrypt` exactly as received, with the timestamp and nonce from the query string.',
  },
  // General platform codes (doc 90313).
  {
    code: -1,
    errmsg: 'system busy',
    name: 'SystemBusy',
    zh: '系统繁忙',
    en: 'The system is busy; the server is temporarily unavailable.',
    retryable: true,
    category: 'busy',
    hint: 'Retry with exponential backoff, at most 3 times (90313). A send may or may not have been accepted: give send_msg / send_msg_on_event your own `msgid` so that a replay is rejected as a duplicate instead of being delivered twice.',
  },
  {
    code: 0,
    name: 'Success',
    zh: '请求成功',
    en: 'Success.',
    retryable: false,
    category: 'success',
    hint: 'Not an error: the call succeeded.',
  },
  {
    code: 40001,
    errmsg: 'invalid credential',
    name: 'InvalidSecret',
    zh: '不合法的secret参数',
    en: 'Invalid secret: wrong, reset, or the app is disabled.',
    retryable: false,
    category: 'config',
    hint: 'The corpsecret passed to gettoken is wrong, was reset, or its app is disabled. Use the Secret of the self-built app added to 微信客服「可调用接口的应用」 (管理后台 → 应用管理 → that app → Secret) and pair it with the corpid from 我的企业 → 企业信息 → 企业ID. Never retry: repeated wrong secrets from one IP get that IP blocked for an hour.',
  },
  {
    code: 40003,
    name: 'InvalidUserId',
    zh: '无效的UserID',
    en: 'Invalid userid.',
    retryable: false,
    category: 'invalid_request',
    hint: 'The userid must exist in the contacts and be in the app’s visible range (1–64 characters: letters, digits, `-`, `_`, `.`). Third-party apps must pass the encrypted open_userid. A POST endpoint called with GET also yields this.',
  },
  {
    code: 40004,
    name: 'InvalidMediaFileType',
    zh: '不合法的媒体文件类型',
    en: 'Invalid media file type.',
    retryable: false,
    category: 'media',
    hint: 'The file does not meet the upload requirements for its type: image JPG/PNG, voice AMR, video MP4. Convert the file and upload again.',
  },
  {
    code: 40005,
    name: 'InvalidMediaTypeParameter',
    zh: '不合法的type参数',
    en: 'Invalid `type` parameter.',
    retryable: false,
    category: 'media',
    hint: 'media/upload accepts `type` = image, voice, video or file in the query string.',
  },
  {
    code: 40006,
    name: 'InvalidFileSize',
    zh: '不合法的文件大小',
    en: 'Invalid file size.',
    retryable: false,
    category: 'media',
    hint: 'Every file must be larger than 5 bytes; image ≤10 MB, voice ≤2 MB (≤60 s), video ≤10 MB, file ≤20 MB. Check the multipart `filelength` matches the bytes sent.',
  },
  {
    code: 40007,
    name: 'InvalidMediaId',
    zh: '不合法的media_id参数',
    en: 'Invalid media_id: expired, of the wrong type, or from the wrong source.',
    retryable: false,
    category: 'media',
    hint: 'Temporary media lives 3 days: upload the file again with media/upload and use the new media_id. The media type must match the msgtype (no voice media_id for an image message).',
  },
  {
    code: 40008,
    name: 'InvalidMsgType',
    zh: '不合法的msgtype参数',
    en: 'Invalid msgtype.',
    retryable: false,
    category: 'invalid_request',
    hint: 'send_msg supports text, image, voice, video, file, link, miniprogram, msgmenu, location and ca_link; send_msg_on_event only text and msgmenu. The payload must sit under the key named by msgtype.',
  },
  {
    code: 40009,
    name: 'InvalidImageSize',
    zh: '上传图片大小不是有效值',
    en: 'Invalid image size.',
    retryable: false,
    category: 'media',
    hint: 'Images must be larger than 5 bytes and at most 10 MB (JPG/PNG). Compress the image and upload again.',
  },
  {
    code: 40011,
    name: 'InvalidVideoSize',
    zh: '上传视频大小不是有效值',
    en: 'Invalid video size.',
    retryable: false,
    category: 'media',
    hint: 'Videos must be larger than 5 bytes and at most 10 MB (MP4). Compress the video and upload again.',
  },
  {
    code: 40013,
    errmsg: 'invalid corpid',
    name: 'InvalidCorpId',
    zh: '不合法的CorpID',
    en: 'Invalid corpid.',
    retryable: false,
    category: 'config',
    hint: 'The corpid passed to gettoken is wrong. Copy 企业ID from 管理后台 → 我的企业 → 企业信息 (not an agentid or open_kfid). Never retry.',
  },
  {
    code: 40014,
    errmsg: 'invalid access_token',
    name: 'InvalidAccessToken',
    zh: '不合法的access_token',
    en: 'Invalid access_token: expired or invalidated early, unparsable, or of the wrong kind.',
    retryable: true,
    category: 'auth',
    hint: 'Drop the cached access_token, fetch a new one with gettoken and replay the call once (WeCom may invalidate tokens before expires_in). If the fresh token is rejected too, the token is of the wrong kind (e.g. a suite_access_token or another app’s token) or is altered on the way: do not loop.',
  },
  {
    code: 40031,
    name: 'InvalidUserIdList',
    zh: '不合法的UserID列表',
    en: 'Invalid userid list.',
    retryable: false,
    category: 'invalid_request',
    hint: 'Check that every userid in the list is spelled correctly and is inside the app’s visible range.',
  },
  {
    code: 40033,
    name: 'InvalidRequestCharacters',
    zh: '不合法的请求字符',
    en: 'Invalid characters in the request.',
    retryable: false,
    category: 'invalid_request',
    hint: 'The request must not contain `\\uxxxx` escaped characters: send UTF-8 JSON with the characters themselves.',
  },
  {
    code: 40035,
    name: 'InvalidParameter',
    zh: '不合法的参数',
    en: 'Invalid parameter (wrong type or out of range).',
    retryable: false,
    category: 'invalid_request',
    hint: 'A parameter has the wrong type or value, e.g. a string where an array is expected (`["a","b"]`, not `"a|b"`) or a list over its size limit. Check the request against the endpoint’s field table; do not retry unchanged.',
  },
  {
    code: 40058,
    name: 'InvalidRequestParameter',
    zh: '不合法的参数',
    en: 'Invalid request parameter: bad JSON, over-long field or array, missing required field, or GET instead of POST.',
    retryable: false,
    category: 'invalid_request',
    hint: 'Check that the body is valid JSON, that no field exceeds its byte/length limit or array size, that required fields are present and non-empty, and that a POST endpoint is not called with GET (the body is then not read). Validate the request against its schema; do not retry unchanged.',
  },
  {
    code: 40063,
    name: 'EmptyParameter',
    zh: '参数为空',
    en: 'A required parameter is empty; often a wrong HTTP method or encoding.',
    retryable: false,
    category: 'invalid_request',
    hint: 'A required field is missing or empty. Usually the HTTP method or encoding is wrong: POST endpoints need a JSON body (Content-Type: application/json), not query-string or form-data parameters. Fix the request; do not retry unchanged.',
  },
  {
    code: 40082,
    name: 'InvalidSuiteAccessToken',
    zh: '不合法的suite_token',
    en: 'Invalid suite_access_token (third-party apps only).',
    retryable: false,
    category: 'auth',
    hint: 'Third-party apps only; kf calls use the corp access_token, so this comes from the provider’s own token calls. The suite_access_token is expired (valid 2 h) or contains stray characters: fetch a new one with the latest suite_ticket before obtaining the corp token again.',
  },
  {
    code: 40091,
    name: 'SecretCorpMismatch',
    zh: 'secret不合法',
    en: 'The secret is invalid for this corp (e.g. another corp’s secret).',
    retryable: false,
    category: 'config',
    hint: 'The secret does not belong to the corp named by corpid (e.g. another corp’s or another environment’s secret). Pair the corpid from 我的企业 → 企业信息 with the Secret of an app of that same corp: 管理后台 → 应用管理 → the self-built app added to 微信客服「可调用接口的应用」. Never retry.',
  },
  {
    code: 40096,
    name: 'InvalidExternalUserId',
    zh: '不合法的外部联系人userid',
    en: 'Invalid external_userid.',
    retryable: false,
    category: 'invalid_request',
    hint: 'Use the external_userid exactly as received from sync_msg or the events, under the same corp (self-built) or provider (third-party) that calls; ids of another corp or provider are rejected.',
  },
  {
    code: 40123,
    name: 'InvalidImageContent',
    zh: '上传临时图片素材，图片格式非法',
    en: 'Uploaded image content is not a valid image.',
    retryable: false,
    category: 'media',
    hint: 'The image is corrupt, or the declared size differs from the bytes sent. Upload a valid JPG/PNG and make sure the multipart part carries the whole file.',
  },
  {
    code: 40201,
    name: 'SensitiveContentBlocked',
    zh: '当前操作包含敏感信息，被反垃圾拦截',
    en: 'The operation contains sensitive content and was blocked by anti-spam.',
    retryable: false,
    category: 'invalid_request',
    hint: 'Remove the sensitive content (text, link, name) and send again; resending the same content fails again. Some kf SDKs read this code as “kf account banned for sensitive content”: if every call for one account fails with it, check that account in 管理后台 → 微信客服.',
  },
  {
    code: 41001,
    errmsg: 'access_token missing',
    name: 'MissingAccessToken',
    zh: '缺少access_token参数',
    en: 'The access_token parameter is missing.',
    retryable: false,
    category: 'auth',
    hint: 'The token must be in the query string (`?access_token=...`), not in the JSON body or a header, and must not be empty. A programming error: fix the caller, do not retry.',
  },
  {
    code: 41002,
    name: 'MissingCorpId',
    zh: '缺少corpid参数',
    en: 'The corpid parameter is missing.',
    retryable: false,
    category: 'config',
    hint: 'gettoken was called without `corpid`. Configure the corp id (管理后台 → 我的企业 → 企业信息 → 企业ID) and check the configured value is not empty. Never retry.',
  },
  {
    code: 41004,
    name: 'MissingSecret',
    zh: '缺少secret参数',
    en: 'The secret parameter is missing.',
    retryable: false,
    category: 'config',
    hint: 'gettoken was called without `corpsecret`. Configure the Secret of the self-built app added to 微信客服「可调用接口的应用」 (管理后台 → 应用管理 → that app → Secret) and check the configured value is not empty. Never retry.',
  },
  {
    code: 41006,
    name: 'MissingMediaId',
    zh: '缺少media_id参数',
    en: 'The media_id parameter is missing.',
    retryable: false,
    category: 'media',
    hint: 'Pass the media_id returned by media/upload (image, voice, video, file messages and the avatar of account/add).',
  },
  {
    code: 41009,
    name: 'MissingUserId',
    zh: '缺少userid参数',
    en: 'The userid parameter is missing.',
    retryable: false,
    category: 'invalid_request',
    hint: 'Pass the userid the endpoint requires (e.g. servicer_userid when transferring to state 3, userid_list for servicer/add).',
  },
  {
    code: 42001,
    errmsg: 'access_token expired',
    name: 'AccessTokenExpired',
    zh: 'access_token已过期',
    en: 'The access_token has expired.',
    retryable: true,
    category: 'auth',
    hint: 'Drop the cached access_token, fetch a new one with gettoken and replay the call once. Refresh ahead of expires_in (normally 7200 s) to avoid the extra round trip.',
  },
  {
    code: 42009,
    name: 'SuiteAccessTokenExpired',
    zh: 'suite_access_token已过期',
    en: 'The suite_access_token has expired (third-party apps only).',
    retryable: false,
    category: 'auth',
    hint: 'Third-party apps only; kf calls use the corp access_token, so this comes from the provider’s own token calls. Fetch a new suite_access_token (valid 2 h) with the latest suite_ticket, then obtain the corp token again.',
  },
  {
    code: 43009,
    name: 'CorpNotVerified',
    zh: '企业未验证主体',
    en: 'The corp has not verified its legal entity.',
    retryable: false,
    category: 'permission',
    hint: 'The corp must verify (验证/认证) its entity in 管理后台 → 我的企业 before this capability is available.',
  },
  {
    code: 44001,
    name: 'EmptyMediaFile',
    zh: '多媒体文件为空',
    en: 'The media file is empty.',
    retryable: false,
    category: 'media',
    hint: 'Send the file as multipart/form-data in a part named `media` with filename, filelength and content-type, and check the bytes are actually written to the body.',
  },
  {
    code: 44004,
    name: 'EmptyTextContent',
    zh: '文本消息content参数为空',
    en: 'The text message content is empty.',
    retryable: false,
    category: 'invalid_request',
    hint: '`text.content` is required and must not be empty.',
  },
  {
    code: 45001,
    name: 'MediaFileTooLarge',
    zh: '多媒体文件大小超过限制',
    en: 'The media file exceeds the size limit.',
    retryable: false,
    category: 'media',
    hint: 'Upload limits: image ≤10 MB, voice ≤2 MB, video ≤10 MB, file ≤20 MB. Compress or split the file.',
  },
  {
    code: 45002,
    name: 'MessageContentTooLarge',
    zh: '消息内容大小超过限制',
    en: 'The message content exceeds the size limit.',
    retryable: false,
    category: 'invalid_request',
    hint: 'Text content is limited to 2048 bytes of UTF-8 (a Chinese character takes 3). Shorten the message or split it, keeping the 5-messages-per-customer-message quota in mind.',
  },
  {
    code: 45009,
    errmsg: 'api freq out of limit',
    name: 'ApiRateLimitExceeded',
    zh: '接口调用超过限制',
    en: 'API call frequency limit exceeded.',
    retryable: true,
    category: 'rate_limit',
    hint: 'Back off: the block lasts as long as the limit window (minute-level → 60 s, hour-level → 60 min, day → rest of the natural day, month → 30 days). For sync_msg pass the callback `token` (valid 10 min), which has much higher limits than token-less pulls. Cache the access_token instead of calling gettoken per request, and remove `debug=1` (5 calls/min). Some blocks can be lifted with the self-service tool (频率自助解封工具).',
  },
  {
    code: 45033,
    name: 'ApiConcurrencyLimitExceeded',
    zh: '接口并发调用超过限制',
    en: 'API concurrency limit exceeded.',
    retryable: true,
    category: 'rate_limit',
    hint: 'Too many concurrent calls of the same API for this corp: lower the concurrency and retry after a backoff. Also look for a loop hammering one resource, e.g. downloading the same media_id repeatedly.',
  },
  {
    code: 48001,
    name: 'ApiNotAuthorized',
    zh: 'API功能未授权',
    en: 'The API feature is not authorised.',
    retryable: false,
    category: 'permission',
    hint: 'The corp or app lacks the feature this API needs (e.g. no authorisation relationship with the provider). Check the endpoint’s 权限说明 and the app’s permissions in the admin console.',
  },
  {
    code: 48002,
    name: 'ApiForbidden',
    zh: 'API接口无权限调用',
    en: 'The app has no permission to call this API.',
    retryable: false,
    category: 'permission',
    hint: 'The token’s app may not call kf APIs. Self-built: add the app to 管理后台 → 微信客服 → API →「可调用接口的应用」 (the 微信客服 system-app secret no longer works for new corps since 2023-12-01). Third-party / 代开发: request the 微信客服 permissions and have the admin confirm them.',
  },
  {
    code: 48007,
    name: 'KfAccountNotAuthorized',
    zh: 'API接口无权限调用，由于对应的客服账号未授权',
    en: 'No permission: the kf account is not authorised to this app.',
    retryable: false,
    category: 'permission',
    hint: 'The app does not manage this kf account. Grant it in 管理后台 → 微信客服 → API →「通过API管理微信客服账号」 (third-party: 「微信客服->管理账号、分配会话和收发消息」 plus the account). account/list shows `manage_privilege` per account.',
  },
  {
    code: 60003,
    name: 'DepartmentNotFound',
    zh: '部门ID不存在',
    en: 'The department id does not exist.',
    retryable: false,
    category: 'invalid_request',
    hint: 'Check that the department_id exists in the contacts and is inside the app’s visible range.',
  },
  {
    code: 60011,
    name: 'TargetOutOfPermission',
    zh: '指定的成员/部门/标签参数无权限',
    en: 'No permission for the specified member/department/tag.',
    retryable: false,
    category: 'permission',
    hint: 'The member or department is outside the app’s visible range (可见范围). Extend the range in 管理后台 → 应用管理 → the app, or pick a member inside it.',
  },
  {
    code: 60020,
    name: 'UntrustedIp',
    zh: '不安全的访问IP',
    en: 'The caller’s IP is not trusted.',
    retryable: false,
    category: 'config',
    hint: 'Add the server’s egress IP to the app’s trusted IP list: 管理后台 → 应用管理 → the app → 企业可信IP (third-party / 代开发: 服务商管理后台 → 服务商信息 → IP白名单). The change takes about a minute to apply; retrying before that fails.',
  },
  {
    code: 92000,
    name: 'MemberOutOfVisibleRange',
    zh: '成员不在应用可见范围之内',
    en: 'The member is outside the app’s visible range.',
    retryable: false,
    category: 'permission',
    hint: 'Servicers must be inside the app’s visible range: extend it in 管理后台 → 应用管理 → the app → 可见范围.',
  },
  // 微信客服 95xxx family.
  {
    code: 95000,
    name: 'InvalidOpenKfId',
    zh: '不合法的open_kfid',
    en: 'Invalid open_kfid.',
    retryable: false,
    category: 'invalid_request',
    hint: 'open_kfid is malformed. Use the id returned by account/add or account/list (starts with `wk`, ≤64 bytes).',
  },
  {
    code: 95001,
    name: 'SendQuotaExceeded',
    zh: '发送客服消息次数限制',
    en: 'Send quota exceeded: at most 5 messages per customer message.',
    retryable: false,
    category: 'kf_rule',
    hint: 'At most 5 messages may be sent per customer message; the quota resets when the customer sends again. Hold back further messages (queue or merge them) until the customer writes again; retrying now keeps failing.',
  },
  {
    code: 95002,
    name: 'SendWindowExpired',
    zh: '发送客服消息时间限制',
    en: 'Send time limit: only within 48 h of the customer’s last message.',
    retryable: false,
    category: 'kf_rule',
    hint: 'Messages can be sent only within 48 h of the customer’s last message. Wait for the customer to write again; retrying fails until then.',
  },
  {
    code: 95003,
    name: 'ServedCustomerLimitExceeded',
    zh: '发送客服消息可接待客户咨询数限制',
    en: 'Limit on the number of customers that can be served (corp not verified).',
    retryable: false,
    category: 'kf_rule',
    hint: 'An unverified corp may serve only a limited number of customers. Verify the corp (管理后台 → 我的企业) and bind a 视频号 to raise the limit; get_corp_qualification shows the binding.',
  },
  {
    code: 95004,
    name: 'OpenKfIdNotFound',
    zh: 'open_kfid不存在',
    en: 'open_kfid does not exist (another corp’s, or deleted).',
    retryable: false,
    category: 'invalid_request',
    hint: 'The kf account belongs to another corp or was deleted. Refresh your account ids with account/list.',
  },
  {
    code: 95005,
    name: 'KfAccountLimitExceeded',
    zh: '客服账号数超过限制',
    en: 'The number of kf accounts exceeds the limit.',
    retryable: false,
    category: 'kf_rule',
    hint: 'A corp may have at most 5000 kf accounts (10 while unverified), and at least one must remain. Delete unused accounts with account/del before adding more.',
  },
  {
    code: 95006,
    name: 'InvalidKfAccountName',
    zh: '不合法的客服账号名',
    en: 'Invalid kf account name.',
    retryable: false,
    category: 'invalid_request',
    hint: 'The name must be non-empty and at most 16 characters; avoid sensitive words.',
  },
  {
    code: 95007,
    name: 'InvalidMsgToken',
    zh: '不合法的msgtoken',
    en: 'Invalid event code (msgtoken): invalid, expired or already used.',
    retryable: false,
    category: 'kf_rule',
    hint: 'The code passed to send_msg_on_event (`welcome_code` from enter_session, or `msg_code` from service_state/trans or session_status_change) is invalid, expired or already used. Codes are single-use and valid 20 s (welcome, end) or 48 h (pool, taken from the pool), and, except the welcome code, only while the session is still in the state the code was issued in. Send as soon as the event arrives; do not retry with the same code.',
  },
  {
    code: 95008,
    name: 'TooManyMenuItems',
    zh: '菜单消息的菜单项个数超过上限',
    en: 'Too many menu items (at most 10).',
    retryable: false,
    category: 'invalid_request',
    hint: 'A msgmenu may carry at most 10 items in `list`; split the menu or shorten it.',
  },
  {
    code: 95009,
    name: 'InvalidMenuItemType',
    zh: '不合法的菜单消息的菜单项类型',
    en: 'Invalid menu item type.',
    retryable: false,
    category: 'invalid_request',
    hint: 'Each msgmenu item `type` must be click, view, miniprogram or text, with its payload under the key of the same name.',
  },
  {
    code: 95011,
    name: 'StandaloneSecretInWecomMode',
    zh: '已在企业微信使用微信客服',
    en: 'kf is used inside WeCom (联合版), but the token comes from the standalone (独立版) secret.',
    retryable: false,
    category: 'config',
    hint: 'The corp runs 微信客服 inside WeCom (联合版). Obtain the access_token with the Secret of the self-built app added to 微信客服「可调用接口的应用」 (管理后台 → 应用管理 → that app), not the standalone 微信客服 secret. Never retry.',
  },
  {
    code: 95012,
    name: 'WecomSecretInStandaloneMode',
    zh: '未在企业微信使用微信客服',
    en: 'kf is standalone (独立版), but the token comes from a WeCom (联合版) secret.',
    retryable: false,
    category: 'config',
    hint: 'The corp runs 微信客服 standalone (独立版), but the token was obtained with a WeCom (联合版) app secret. Use the secret that matches the mode in use. Never retry.',
  },
  {
    code: 95013,
    name: 'SessionEnded',
    zh: '会话已经结束',
    en: 'The session has already ended.',
    retryable: false,
    category: 'kf_rule',
    hint: 'The session is in state 4 (已结束/未开始) and the API cannot change it; only a new customer message reopens it (state 0). Check with service_state/get.',
  },
  {
    code: 95014,
    name: 'UserNotServicer',
    zh: '用户不是接待人员',
    en: 'The user is not a servicer, or has not activated WeCom.',
    retryable: false,
    category: 'kf_rule',
    hint: 'servicer_userid must be a servicer of this kf account (servicer/list) and must have activated WeCom. Add it with servicer/add first.',
  },
  {
    code: 95015,
    name: 'ExclusiveServiceConfigured',
    zh: '管理端已经配置了专属服务',
    en: 'An exclusive service is already configured in the admin console.',
    retryable: false,
    category: 'kf_rule',
    hint: 'An exclusive service (专属服务) configured in the admin console conflicts with this call; review it in 管理后台 → 微信客服 before doing the same through the API.',
  },
  {
    code: 95016,
    name: 'StateTransitionNotAllowed',
    zh: '不允许这种状态转移',
    en: 'This session state transition is not allowed.',
    retryable: false,
    category: 'kf_rule',
    hint: 'Allowed service_state/trans transitions: 0 → 1/2/3, 1 → 2/3, 2 → 3, 3 → 3 (transfer to another servicer) or 4 (end); nothing out of 4 via the API (only a customer message moves it to 0). States: 0 未处理, 1 由智能助手接待, 2 待接入池排队中, 3 由人工接待, 4 已结束/未开始. Read the current state with service_state/get first.',
  },
  {
    code: 95017,
    name: 'ApiSwitchOff',
    zh: '基础应用权限下，api开关处于关闭状态',
    en: 'The API switch is off under the basic app permission.',
    retryable: false,
    category: 'permission',
    hint: 'Turn on API access for 微信客服 in 管理后台 → 微信客服 → API, and add the calling app to「可调用接口的应用」.',
  },
  {
    code: 95018,
    errmsg: 'send msg session status invalid',
    name: 'SessionStateDisallowsSending',
    zh: '发送客服消息时当前会话状态不允许发送',
    en: 'The current session state does not allow sending (or the session is older than 48 h).',
    retryable: false,
    category: 'kf_rule',
    hint: 'send_msg works only while the session is in state 0 (未处理) or 1 (由智能助手接待); in 2 (待接入池排队中), 3 (由人工接待) and 4 (已结束/未开始) the API cannot send. Check service_state/get before sending. For the queue notice (state 2) or the closing message (state 4) use send_msg_on_event with the `msg_code` from service_state/trans or session_status_change. Also returned when the session is older than 48 h: wait for the customer to write again.',
  },
  {
    code: 95019,
    name: 'ServicerNotReceiving',
    zh: '接待人员已停止接待或暂时挂起，无法完成指定的操作',
    en: 'The servicer has stopped receiving or is suspended.',
    retryable: false,
    category: 'kf_rule',
    hint: 'Pick a servicer whose servicer/list `status` is 0 (接待中), or put the session in the pool (state 2) instead.',
  },
  {
    code: 95021,
    name: 'UpgradeServiceNotConfigured',
    zh: 'userid或chat_id未在「升级服务」中配置',
    zhSource: 'Not in 90313: a paraphrase of the upgrade_service page (doc 94674), not an official wording.',
    en: 'The userid or chat_id is not configured in 升级服务 (upgrade service).',
    retryable: false,
    category: 'kf_rule',
    hint: 'upgrade_service accepts only members and group chats configured in 管理后台 → 微信客服 → 升级服务; read them with customer/get_upgrade_service_config and choose one of those (the member must also be in 客户联系’s usage range).',
  },
  {
    code: 95022,
    name: 'InvalidLocationType',
    zh: 'location_type非法',
    en: 'Invalid location_type.',
    retryable: false,
    category: 'invalid_request',
    hint: 'Where the platform checks location_type is not documented; check the location message against send_msg’s field table (latitude −90..90, longitude −180..180, optional name and address).',
  },
  {
    code: 95023,
    name: 'ApiSwitchGrantedToCustomizedApp',
    zh: '基础应用权限下，api开关已经授权给代开发自建应用',
    en: 'The API switch is granted to a 代开发 (customised) app.',
    retryable: false,
    category: 'permission',
    hint: 'API access for 微信客服 is currently held by a 代开发 app. Switch it to the calling app in 管理后台 → 微信客服 → API.',
  },
  {
    code: 95026,
    name: 'KfAccountUsageTooLow',
    zh: '客服账号使用率较低，暂无法创建',
    en: 'kf account utilisation is low; new accounts cannot be created for now.',
    retryable: false,
    category: 'kf_rule',
    hint: 'Existing kf accounts are mostly idle; put them to use or delete unused ones before creating more.',
  },
  {
    code: 95027,
    name: 'UnverifiedCorpKfAccountLimit',
    zh: '企业未认证，仅可创建10个客服账号',
    en: 'Unverified corp: at most 10 kf accounts.',
    retryable: false,
    category: 'kf_rule',
    hint: 'Verify (认证) the corp in 管理后台 → 我的企业 to create more than 10 kf accounts.',
  },
  {
    code: 95030,
    name: 'MessageTypeBannedByComponent',
    zh: '客服组件设置的禁发消息类型',
    en: 'The message type is banned by the kf component.',
    retryable: false,
    category: 'kf_rule',
    hint: 'A kf component (客服组件) banned this message type; send another msgtype (e.g. text) instead.',
  },
  {
    code: 95031,
    name: 'NoConsultationWithin48h',
    zh: '客户48小时内未发起过咨询',
    en: 'The customer has not consulted within the last 48 h.',
    retryable: false,
    category: 'kf_rule',
    hint: 'The API can reach a customer only after they have contacted the kf account within the last 48 h. Wait for the customer to write (or enter the session) first.',
  },
  {
    code: 95032,
    name: 'ComponentChatRecordPermissionExpired',
    zh: '客服组件获取客服聊天记录权限已失效',
    en: 'The kf component’s permission to read chat records has expired.',
    retryable: false,
    category: 'permission',
    hint: 'The kf component (客服组件) must be authorised again to read chat records; renew the authorisation in the admin console.',
  },
  {
    code: 301016,
    name: 'InvalidVoiceFile',
    zh: '上传语音文件不符合系统要求',
    en: 'The voice file does not meet the requirements.',
    retryable: false,
    category: 'media',
    hint: 'Voice files must be AMR, at most 2 MB and at most 60 s long.',
  },
  {
    code: 301017,
    name: 'VoiceNotAmr',
    zh: '上传语音文件仅支持AMR格式',
    en: 'Voice uploads support only AMR.',
    retryable: false,
    category: 'media',
    hint: 'Convert the audio to AMR before uploading it as `type=voice` (or send it as a file).',
  },
  {
    code: 830002,
    name: 'MediaDownloadTooLarge',
    zh: '需使用Range分块下载，且分块大小不超过20M',
    zhSource: 'Not in 90313: a paraphrase of the media/get page (doc 96486), not an official wording.',
    en: 'The media is too large to download in one piece; download it in ranges.',
    retryable: false,
    category: 'media',
    hint: 'Download with HTTP `Range` headers in chunks of at most 20 MB (the server answers 206 Partial Content) and join the parts.',
  },
] as const satisfies readonly ErrorCodeEntry[];

type Entry = (typeof ENTRIES)[number];

/**
 * Every documented code by name (PascalCase), e.g. `KfErrorCode.SendQuotaExceeded === 95001`,
 * `KfErrorCode.InvalidAccessToken === 40014`. Keys and values are literal types.
 *
 * Includes success (0), the platform codes a kf client meets and the callback crypto library codes
 * (same names and values as {@link KfCryptoErrorCode}). An `errcode` from the wire is a plain
 * `number`: the platform may return codes not listed here.
 */
export const KfErrorCode = Object.freeze(Object.fromEntries(ENTRIES.map((e) => [e.name, e.code]))) as {
  readonly [E in Entry as E['name']]: E['code'];
};

/** One of the documented codes (the values of {@link KfErrorCode}). */
export type KfErrorCode = (typeof KfErrorCode)[keyof typeof KfErrorCode];

/** The constant name of a documented code (the keys of {@link KfErrorCode}). */
export type KfErrorCodeName = keyof typeof KfErrorCode;

/** What the table knows about one error code. */
export interface KfErrorCodeInfo {
  /** The `errcode` value. */
  readonly code: KfErrorCode;
  /** The constant name, a key of {@link KfErrorCode}. */
  readonly name: KfErrorCodeName;
  /**
   * The Chinese meaning: the wording of the global error code page (90313) for the platform codes,
   * and of the WXBizMsgCrypt library for the crypto codes (−40001 … −40011). For a code 90313 does
   * not list (95021, 830002) it is a paraphrase of the page that documents the code, and
   * {@link KfErrorCodeInfo.zhSource} names that page.
   */
  readonly zh: string;
  /**
   * Where `zh` comes from when it is not the 90313 (or WXBizMsgCrypt) wording: set only for 95021
   * (upgrade_service page, doc 94674) and 830002 (media/get page, doc 96486), whose `zh` is a
   * paraphrase. Absent for every other code.
   */
  readonly zhSource?: string;
  /** The meaning in English. */
  readonly en: string;
  /**
   * The text the platform itself puts before `, hint: [...]` in `errmsg`, where public reports show
   * it (`"invalid access_token"` for 40014, `"send msg session status invalid"` for 95018). Absent
   * when it is not known; a server emulating the platform then says what it can.
   */
  readonly errmsg?: string;
  /**
   * Whether retrying the same call later can succeed: after a backoff (−1, 45009, 45033) or after
   * refreshing the access token (40014, 42001). `false` means the request, the configuration or the
   * conversation must change first.
   */
  readonly retryable: boolean;
  /** The kind of failure, for branching. */
  readonly category: KfErrorCategory;
  /** What a developer should do about it. */
  readonly hint: string;
}

/**
 * Every entry of the table, in ascending code order (the crypto library's negative codes first).
 *
 * 95010, 95020, 95024, 95025, 95028 and 95029 are deliberately absent: the official page has no
 * meaning for them, so the table has nothing true to say. {@link describeErrorCode} returns
 * `undefined` for them as for any unknown code; fall back to the response's `errmsg`.
 */
export const KF_ERROR_CODES: readonly KfErrorCodeInfo[] = Object.freeze(
  ENTRIES.map((e): KfErrorCodeInfo => Object.freeze({ ...e })),
);

const BY_CODE: ReadonlyMap<number, KfErrorCodeInfo> = new Map(KF_ERROR_CODES.map((e) => [e.code, e]));

/**
 * What the table knows about `code`, or `undefined` for a code it does not list (including the
 * undocumented 95010, 95020, 95024, 95025, 95028, 95029). Constant time.
 *
 * @example
 * ```ts
 * const info = describeErrorCode(body.errcode);
 * if (info?.category === 'kf_rule') logger.warn(info.hint);
 * ```
 */
export function describeErrorCode(code: number): KfErrorCodeInfo | undefined {
  return BY_CODE.get(code);
}

function codesWhere(predicate: (e: KfErrorCodeInfo) => boolean): ReadonlySet<number> {
  return new Set(KF_ERROR_CODES.filter(predicate).map((e) => e.code));
}

/**
 * Codes after which the client must drop its cached access token, fetch a new one with gettoken and
 * replay the call once, outside the retry budget: 40014 (invalid) and 42001 (expired).
 */
export const TOKEN_REFRESH_CODES: ReadonlySet<number> = codesWhere(
  (e) => e.retryable && e.category === 'auth',
);

/**
 * Codes worth retrying as they are, with exponential backoff and jitter within the retry budget:
 * −1 (busy), 45009 (frequency limit) and 45033 (concurrency limit). For 45009 the block lasts as
 * long as the limit window, so short budgets rarely outlast it.
 */
export const TRANSIENT_ERROR_CODES: ReadonlySet<number> = codesWhere(
  (e) => e.retryable && e.category !== 'auth',
);

/**
 * Configuration errors: the credentials or environment are wrong and no retry can help — 40001
 * (secret), 40013 (corpid), 40091 (secret of another corp), 41002 / 41004 (corpid / secret
 * missing), 60020 (untrusted IP), 95011 / 95012 (kf mode vs. secret). A token manager should fail
 * fast on these instead of calling gettoken again: repeated wrong secrets get the IP blocked.
 */
export const CONFIG_ERROR_CODES: ReadonlySet<number> = codesWhere((e) => e.category === 'config');

/**
 * Which configured credential a configuration code points at (doc 90313's troubleshooting text):
 * `secret` (40001 invalid, 40091 of another corp, 41004 missing), `corpId` (40013 invalid, 41002
 * missing), `callerIp` (60020, the caller's IP is not trusted), `kfMode` (95011 / 95012, a secret
 * of the wrong 微信客服 mode).
 */
export type KfCredentialName = 'secret' | 'corpId' | 'callerIp' | 'kfMode';

/** The credential to fix for each configuration code that names one (see {@link KfCredentialName}). */
export const KF_CREDENTIAL_CODES: ReadonlyMap<number, KfCredentialName> = new Map<number, KfCredentialName>([
  [KfErrorCode.InvalidSecret, 'secret'],
  [KfErrorCode.SecretCorpMismatch, 'secret'],
  [KfErrorCode.MissingSecret, 'secret'],
  [KfErrorCode.InvalidCorpId, 'corpId'],
  [KfErrorCode.MissingCorpId, 'corpId'],
  [KfErrorCode.UntrustedIp, 'callerIp'],
  [KfErrorCode.StandaloneSecretInWecomMode, 'kfMode'],
  [KfErrorCode.WecomSecretInStandaloneMode, 'kfMode'],
]);
