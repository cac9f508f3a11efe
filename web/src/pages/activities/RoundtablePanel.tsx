/**
 * 线上圆桌会: the thread (oldest first; hosts also see hidden posts with their reason and may hide or
 * show them again), the post box for those who may post, the invitations (accounts, and people
 * without one, whose personal links are shown once, right after inviting) and the closing summary.
 */
import { CopyOutlined, EyeInvisibleOutlined, EyeOutlined, ReloadOutlined, SendOutlined, UserAddOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Modal, Popconfirm, Row, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PARTICIPANT_TYPE_LABELS, PARTICIPANT_TYPES, POST_AUTHOR_KIND_LABELS, type ActivityOut, type InvitationOut, type PostAuthorKind, type RoundtablePostOut,
} from '../../../../shared/activities.ts';
import { activitiesApi, type InviteeIn, type InviteToken } from '../../api/activities.ts';
import { fetchAll } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useEnumOptions, useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { text } from '../../utils/form-values.ts';
import { formatDateTime } from '../../utils/format.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { ThreadTag } from './activity-shared.tsx';

type Write = (action: () => Promise<ActivityOut>, done?: string) => Promise<ActivityOut>;

const AUTHOR_COLORS: Record<PostAuthorKind, string> = { staff: 'red', deputy: 'volcano', department: 'blue', invitee: 'green' };

/** Copies text, also where the Clipboard API is missing (plain http outside localhost). */
export async function copyText(value: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // fall back below
  }
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function RoundtablePanel({ a, write }: { a: ActivityOut; write: Write }) {
  const { t } = useTranslation();
  const posts = useAsync((signal) => fetchAll<RoundtablePostOut>(`/activities/${encodeURIComponent(a.id)}/posts`, {}, 2000, signal), [a.id]);
  // the posts as loaded, with those written or moderated here since (until the next load)
  const [local, setLocal] = useState<{ src: unknown; items: RoundtablePostOut[] }>({ src: undefined, items: [] });
  if (posts.data && posts.data !== local.src) setLocal({ src: posts.data, items: posts.data.items });
  const items = local.items;
  const put = (p: RoundtablePostOut, added: boolean) =>
    setLocal((s) => ({ ...s, items: added ? [...s.items.filter((x) => x.id !== p.id), p] : s.items.map((x) => (x.id === p.id ? p : x)) }));
  const [hiding, setHiding] = useState<RoundtablePostOut | null>(null);
  const hiddenCount = items.filter((p) => p.status === 'hidden').length;
  const closed = a.threadStatus === 'closed' || a.status === 'cancelled';

  return (
    <>
      <Card
        variant="borderless"
        className="act-block act-thread-card"
        title={
          <Space size={8} wrap>
            <span>{t('activities.roundtable.title')}</span>
            {a.threadStatus ? <ThreadTag status={a.status === 'cancelled' ? 'closed' : a.threadStatus} /> : null}
            {posts.data ? (
              <Typography.Text type="secondary" className="cell-sub act-thread-count">
                {t('activities.roundtable.posts', { count: items.length })}
                {hiddenCount ? ` · ${t('activities.roundtable.hidden')} ${hiddenCount}` : ''}
              </Typography.Text>
            ) : null}
          </Space>
        }
        extra={
          <Tooltip title={t('activities.roundtable.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={posts.reload} aria-label={t('activities.roundtable.refresh')} />
          </Tooltip>
        }
      >
        {a.threadStatus === 'closed' && a.summary ? (
          <div className="act-closing">
            <Typography.Text strong>{t('activities.roundtable.closingSummary')}</Typography.Text>
            <Typography.Paragraph className="pre-wrap act-closing-text">{a.summary}</Typography.Paragraph>
          </div>
        ) : null}
        {posts.error && !posts.data ? (
          <LoadError error={posts.error} onRetry={posts.reload} />
        ) : !posts.data ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.roundtable.noPosts')} />
        ) : (
          <ol className="act-posts" aria-label={t('activities.roundtable.threadTitle')}>
            {items.map((p) => (
              <PostItem key={p.id} p={p} moderate={a.abilities.moderate} onHide={() => setHiding(p)} onRestored={(x) => put(x, false)} activityId={a.id} />
            ))}
          </ol>
        )}
        {a.abilities.post ? (
          <PostBox activityId={a.id} onPosted={(p) => put(p, true)} />
        ) : (
          <Typography.Text type="secondary" className="act-thread-note">
            {a.status === 'cancelled' ? t('activities.roundtable.cancelledNote') : closed ? t('activities.roundtable.closedNote') : t('activities.roundtable.readOnlyNote')}
          </Typography.Text>
        )}
      </Card>
      {a.abilities.moderate ? <InvitationsCard a={a} write={write} /> : null}
      <HideDialog activityId={a.id} post={hiding} onClose={() => setHiding(null)} onHidden={(x) => put(x, false)} />
    </>
  );
}

function PostItem({ p, moderate, onHide, onRestored, activityId }: { p: RoundtablePostOut; moderate: boolean; onHide: () => void; onRestored: (p: RoundtablePostOut) => void; activityId: string }) {
  const { t } = useTranslation();
  const L = useLabel();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const hidden = p.status === 'hidden';
  const restore = async () => {
    setBusy(true);
    try {
      onRestored(await activitiesApi.restorePost(activityId, p.id));
      void message.success(t('activities.roundtable.restoredToast'));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`act-post${hidden ? ' act-post-hidden' : ''}${p.mine ? ' act-post-mine' : ''}`}>
      <div className="act-post-head">
        <Space size={6} wrap>
          <Tag color={AUTHOR_COLORS[p.author.kind]} style={{ marginInlineEnd: 0 }}>
            {L(POST_AUTHOR_KIND_LABELS, p.author.kind)}
          </Tag>
          <Typography.Text strong>{p.author.name || '—'}</Typography.Text>
          {p.author.organisation ? <Typography.Text type="secondary">{p.author.organisation}</Typography.Text> : null}
          {p.mine ? <Tag style={{ marginInlineEnd: 0 }}>{t('activities.roundtable.mine')}</Tag> : null}
          {hidden ? (
            <Tag icon={<EyeInvisibleOutlined />} color="default" style={{ marginInlineEnd: 0 }}>
              {t('activities.roundtable.hidden')}
            </Tag>
          ) : null}
        </Space>
        <Space size={4}>
          <Typography.Text type="secondary" className="cell-sub">
            {formatDateTime(p.createdAt)}
          </Typography.Text>
          {moderate ? (
            hidden ? (
              <Button size="small" type="link" icon={<EyeOutlined />} loading={busy} onClick={() => void restore()}>
                {t('activities.roundtable.restore')}
              </Button>
            ) : (
              <Button size="small" type="link" danger icon={<EyeInvisibleOutlined />} onClick={onHide}>
                {t('activities.roundtable.hide')}
              </Button>
            )
          ) : null}
        </Space>
      </div>
      <Typography.Paragraph className="act-post-body pre-wrap">{p.body}</Typography.Paragraph>
      {hidden && p.hiddenReason ? (
        <Typography.Text type="warning" className="cell-sub act-post-reason">
          {t('activities.roundtable.hiddenReason', { reason: p.hiddenReason })}
          {p.hiddenAt ? ` · ${formatDateTime(p.hiddenAt)}` : ''}
        </Typography.Text>
      ) : null}
    </li>
  );
}

function PostBox({ activityId, onPosted }: { activityId: string; onPosted: (p: RoundtablePostOut) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const r = formRules(t);
  const { saving, run } = useFormSubmit(form, async (v) => {
    const p = await activitiesApi.post(activityId, text(v.body));
    onPosted(p);
    form.resetFields();
    void message.success(t('activities.roundtable.posted'));
  });
  return (
    <Form form={form} onFinish={run} disabled={saving} className="act-post-box" layout="vertical">
      <Form.Item name="body" rules={[r.required(t('activities.roundtable.postSubmit')), r.max(t('activities.roundtable.postSubmit'), 2000)]} className="act-compact-item">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount placeholder={t('activities.roundtable.postPlaceholder')} aria-label={t('activities.roundtable.postPlaceholder')} />
      </Form.Item>
      <div className="act-post-box-bar">
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={saving}>
          {t('activities.roundtable.postSubmit')}
        </Button>
      </div>
    </Form>
  );
}

function HideDialog({ activityId, post, onClose, onHidden }: { activityId: string; post: RoundtablePostOut | null; onClose: () => void; onHidden: (p: RoundtablePostOut) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const r = formRules(t);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!post) return;
    onHidden(await activitiesApi.hidePost(activityId, post.id, text(v.reason)));
    void message.success(t('activities.roundtable.hiddenToast'));
    onClose();
  });
  return (
    <Modal
      open={!!post}
      title={t('activities.roundtable.hideTitle')}
      okText={t('activities.roundtable.hide')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('activities.roundtable.hideLead')}</Typography.Paragraph>
      {post ? (
        <blockquote className="act-quote">
          <Typography.Text strong>{post.author.name}</Typography.Text>
          <Typography.Paragraph className="pre-wrap act-quote-body" ellipsis={{ rows: 4 }}>
            {post.body}
          </Typography.Paragraph>
        </blockquote>
      ) : null}
      <Form form={form} layout="vertical" disabled={saving}>
        <Form.Item name="reason" label={t('activities.roundtable.hideReason')} rules={[r.required(t('activities.roundtable.hideReason')), r.max(t('activities.roundtable.hideReason'), 200)]}>
          <Input maxLength={200} placeholder={t('activities.roundtable.hideReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function InvitationsCard({ a, write }: { a: ActivityOut; write: Write }) {
  const { t } = useTranslation();
  const L = useLabel();
  const { message } = App.useApp();
  const [inviting, setInviting] = useState(false);
  const [links, setLinks] = useState<InviteToken[] | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const mayRevoke = a.abilities.update;

  const revoke = async (inv: InvitationOut) => {
    setRevoking(inv.id);
    try {
      await write(() => activitiesApi.revokeInvitation(a.id, a.version, inv.id), t('activities.roundtable.revokedToast'));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setRevoking(null);
    }
  };

  const columns: ColumnsType<InvitationOut> = [
    {
      title: t('activities.roundtable.inviteeName'),
      key: 'name',
      render: (_: unknown, i) => (
        <div className="cell-two-lines">
          <span className={i.revoked ? 'act-revoked' : 'cell-strong'}>{i.name || '—'}</span>
          {i.organisation ? (
            <Typography.Text type="secondary" className="cell-sub">
              {i.organisation}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('activities.roundtable.inviteeType'),
      key: 'kind',
      width: 150,
      render: (_: unknown, i) => (
        <Space size={4} wrap>
          <Tag color={i.kind === 'account' ? 'blue' : 'green'} style={{ marginInlineEnd: 0 }}>
            {i.kind === 'account' ? t('activities.roundtable.kindAccount') : t('activities.roundtable.kindToken')}
          </Tag>
          {i.type ? <Typography.Text type="secondary">{L(PARTICIPANT_TYPE_LABELS, i.type)}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('activities.roundtable.invitedAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, i) =>
        i.revoked ? (
          <Tag style={{ marginInlineEnd: 0 }}>{t('activities.roundtable.revoked')}</Tag>
        ) : mayRevoke ? (
          <Popconfirm
            title={t('activities.roundtable.revokeConfirm', { name: i.name })}
            okText={t('activities.roundtable.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke(i)}
          >
            <Button size="small" type="link" danger loading={revoking === i.id}>
              {t('activities.roundtable.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card
      variant="borderless"
      className="act-block"
      title={`${t('activities.roundtable.invitationsTitle')}${a.invitations.length ? ` (${a.invitations.filter((i) => !i.revoked).length})` : ''}`}
      extra={
        a.abilities.invite ? (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)}>
            {t('activities.roundtable.invite')}
          </Button>
        ) : null
      }
    >
      <Table<InvitationOut>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={a.invitations}
        pagination={a.invitations.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 520 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.roundtable.noInvitations')} /> }}
      />
      <InviteDialog
        a={a}
        open={inviting}
        onClose={() => setInviting(false)}
        write={write}
        onLinks={(tokens) => {
          setInviting(false);
          if (tokens.length) setLinks(tokens);
        }}
      />
      <LinksDialog tokens={links} onClose={() => setLinks(null)} />
    </Card>
  );
}

interface InviteValues {
  userIds?: string[];
  invitees?: Array<{ type?: InviteeIn['type']; name?: string; organisation?: string }>;
}

function InviteDialog({ a, open, onClose, write, onLinks }: { a: ActivityOut; open: boolean; onClose: () => void; write: Write; onLinks: (tokens: InviteToken[]) => void }) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<InviteValues>();
  const r = formRules(t);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    const userIds = v.userIds ?? [];
    const invitees = (v.invitees ?? []).map((x) => ({ type: x.type ?? 'resident', name: text(x.name), ...(text(x.organisation) ? { organisation: text(x.organisation) } : {}) }));
    if (!userIds.length && !invitees.length) {
      void message.warning(t('activities.roundtable.inviteNeedsSomeone'));
      return;
    }
    let tokens: InviteToken[] = [];
    await write(async () => {
      const out = await activitiesApi.invite(a.id, a.version, { userIds: userIds.length ? userIds : undefined, invitees: invitees.length ? invitees : undefined });
      tokens = out.tokens;
      return out.activity;
    }, t('activities.roundtable.invited'));
    form.resetFields();
    onLinks(tokens);
  });
  const invitedUsers = new Set(a.invitations.filter((i) => i.userId && !i.revoked).map((i) => i.userId));
  return (
    <Modal
      open={open}
      title={t('activities.roundtable.inviteTitle')}
      okText={t('activities.roundtable.inviteSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={720}
    >
      <Form<InviteValues> form={form} layout="vertical" disabled={saving} initialValues={{ userIds: [], invitees: [] }}>
        <Form.Item
          name="userIds"
          label={t('activities.roundtable.accounts')}
          extra={
            <>
              {t('activities.roundtable.accountsHelp')}
              {user.roles.includes('admin') ? null : (
                <>
                  <br />
                  {t('activities.roundtable.accountsUnavailable')}
                </>
              )}
            </>
          }
        >
          <RemoteSelect<User>
            path="/users"
            query={{ active: true }}
            mode="multiple"
            toOption={(u) => {
              const where = u.departmentName ?? u.stationName ?? '';
              const suffix = where && !u.displayName.includes(where) ? ` · ${where}` : '';
              return { value: u.id, label: `${u.displayName}${suffix}${invitedUsers.has(u.id) ? t('activities.roundtable.alreadyInvited') : ''}` };
            }}
            placeholder={t('activities.roundtable.accountsPlaceholder')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item label={t('activities.roundtable.invitees')} extra={t('activities.roundtable.inviteesHelp')} className="act-participants-item">
          <Form.List name="invitees">
            {(fields, { add, remove }) => (
              <div className="act-participants">
                {fields.map((field, index) => (
                  <div key={field.key} className="act-participant-row">
                    <Row gutter={8} wrap>
                      <Col xs={12} sm={6}>
                        <Form.Item name={[field.name, 'type']} rules={[r.requiredSelect(t('activities.roundtable.inviteeType'))]}>
                          <Select options={enumOptions(PARTICIPANT_TYPES, PARTICIPANT_TYPE_LABELS)} aria-label={`${t('activities.roundtable.inviteeType')} ${index + 1}`} popupMatchSelectWidth={false} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={6}>
                        <Form.Item name={[field.name, 'name']} rules={[r.required(t('activities.roundtable.inviteeName')), r.max(t('activities.roundtable.inviteeName'), 50)]}>
                          <Input maxLength={50} placeholder={t('activities.roundtable.inviteeName')} aria-label={`${t('activities.roundtable.inviteeName')} ${index + 1}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={20} sm={10}>
                        <Form.Item name={[field.name, 'organisation']} rules={[r.max(t('activities.roundtable.inviteeOrg'), 100)]}>
                          <Input maxLength={100} placeholder={t('activities.roundtable.inviteeOrg')} aria-label={`${t('activities.roundtable.inviteeOrg')} ${index + 1}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} sm={2}>
                        <Button type="text" danger onClick={() => remove(field.name)} aria-label={t('activities.form.removeParticipant')}>
                          ✕
                        </Button>
                      </Col>
                    </Row>
                  </div>
                ))}
                <Button type="dashed" block icon={<UserAddOutlined />} onClick={() => add({ type: 'resident' })}>
                  {t('activities.roundtable.addInvitee')}
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The personal links, shown once: copy each (or all), then confirm before the window closes. */
function LinksDialog({ tokens, onClose }: { tokens: InviteToken[] | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async (value: string) => {
    if (await copyText(value)) void message.success(t('activities.roundtable.copied'));
    else void message.error(t('activities.roundtable.copyFailed'));
  };
  return (
    <Modal
      open={!!tokens}
      title={t('activities.roundtable.linksTitle')}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      width={720}
      className="act-links-modal"
      footer={
        <Space wrap>
          <Button icon={<CopyOutlined />} onClick={() => void copy((tokens ?? []).map((x) => `${x.name} ${x.url}`).join('\n'))}>
            {t('activities.roundtable.copyAll')}
          </Button>
          <Popconfirm title={t('activities.roundtable.linksCloseConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={onClose}>
            <Button type="primary">{t('activities.roundtable.linksDone')}</Button>
          </Popconfirm>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        icon={<WarningOutlined />}
        title={t('activities.roundtable.linksWarning')}
        description={t('activities.roundtable.linksWarningDetail')}
        className="act-links-alert"
      />
      <ul className="act-links">
        {(tokens ?? []).map((x) => (
          <li key={x.invitationId} className="act-link">
            <Typography.Text strong className="act-link-name">
              {x.name}
            </Typography.Text>
            <Space.Compact className="act-link-row">
              <Input readOnly value={x.url} onFocus={(e) => e.target.select()} aria-label={`${t('activities.roundtable.linksTitle')} · ${x.name}`} />
              <Button icon={<CopyOutlined />} onClick={() => void copy(x.url)}>
                {t('activities.roundtable.copy')}
              </Button>
            </Space.Compact>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
