/**
 * Strings of the outbox of recorded cases (登记诉求's 草稿箱), merged into the dictionaries under
 * `caseDrafts` when the components load. The English object is typed against the Chinese one.
 */
import i18n from '../../i18n/index.ts';

export const caseDraftsZhCN = {
  offlineBanner: '当前没有网络：登记的诉求会存入本机草稿箱，联网后自动发送。',
  savedOffline: '没有网络，已存入草稿箱，联网后自动发送',
  savedAfterFailure: '网络中断，未能确认是否已提交，已存入草稿箱并将自动重新发送（同一份登记不会重复）',
  title: '草稿箱（待发送 {{count}} 件）',
  titleAll: '草稿箱（{{count}} 件）',
  hint: '草稿保存在这台设备的浏览器中，联网后自动发送，每件只登记一次。请勿清除浏览器数据。',
  sendNow: '立即发送',
  sending: '正在发送…',
  waiting: '待发送',
  refused: '未能登记',
  retryLater: '上次发送未成功，稍后自动重试',
  edit: '修改后重新提交',
  remove: '删除',
  removeConfirm: '删除这份草稿？删除后无法恢复。',
  removeSentWarning: '这份草稿可能已经送达，删除前请到诉求列表核对。',
  savedAt: '{{date}} 存入',
  noTitle: '（未填标题）',
  sentOne: '草稿已发送，受理编号 {{code}}',
  refusedSome: '{{count}} 份草稿未能登记，请在登记诉求页的草稿箱中修改',
  stillWaiting: '暂时无法连接服务器，草稿稍后自动发送',
  editing: '正在修改一份未能登记的草稿：提交成功后草稿自动删除。',
  cancelEdit: '放弃修改',
};

export const caseDraftsEn: typeof caseDraftsZhCN = {
  offlineBanner: 'You are offline: cases you record are kept as drafts on this device and sent when the network is back.',
  savedOffline: 'Offline: kept as a draft, it will be sent when the network is back',
  savedAfterFailure: 'The network dropped before the server answered: kept as a draft and sent again automatically (it will not be recorded twice)',
  title: 'Drafts ({{count}} waiting to be sent)',
  titleAll: 'Drafts ({{count}})',
  hint: 'Drafts are kept in this device’s browser and sent when it is online, each recorded once. Do not clear the browser’s data.',
  sendNow: 'Send now',
  sending: 'Sending…',
  waiting: 'Waiting',
  refused: 'Not recorded',
  retryLater: 'The last attempt failed; it will be retried',
  edit: 'Edit and resubmit',
  remove: 'Delete',
  removeConfirm: 'Delete this draft? It cannot be restored.',
  removeSentWarning: 'This draft may already have reached the server: check the case list before deleting it.',
  savedAt: 'saved {{date}}',
  noTitle: '(no title)',
  sentOne: 'Draft sent, case number {{code}}',
  refusedSome: '{{count}} draft(s) were not recorded: edit them in the drafts of Record a case',
  stillWaiting: 'The server cannot be reached; drafts will be sent later',
  editing: 'Editing a draft the server refused: it is deleted once the case is recorded.',
  cancelEdit: 'Discard changes',
};

i18n.addResourceBundle('zh-CN', 'translation', { caseDrafts: caseDraftsZhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { caseDrafts: caseDraftsEn }, true, false);
