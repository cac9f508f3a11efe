/** The side menu depends on the user's roles; only modules that exist are listed. */
import { ApartmentOutlined, BulbOutlined, ProjectOutlined, StarOutlined, FlagOutlined, AuditOutlined, CarryOutOutlined, FileDoneOutlined, ScheduleOutlined, BankOutlined, BranchesOutlined, CalendarOutlined, FieldTimeOutlined, ClusterOutlined, DashboardOutlined, EnvironmentOutlined, HomeOutlined, IdcardOutlined, InboxOutlined, OrderedListOutlined, SafetyCertificateOutlined, SolutionOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { CheckSquareOutlined, GlobalOutlined, NotificationOutlined } from '@ant-design/icons';
import { ContainerOutlined, FileAddOutlined, FileSearchOutlined } from '@ant-design/icons';
import { TrophyOutlined } from '@ant-design/icons';
import { ExperimentOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { SessionUser } from '../api/types.ts';

export interface MenuEntry {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** Other paths that belong to this entry (a department handler's case pages belong to 待办件). */
  also?: string[];
}

export function menuFor(user: SessionUser): MenuEntry[] {
  const roles = new Set(user.roles);
  const out: MenuEntry[] = [{ key: 'dashboard', path: '/', labelKey: 'menu.dashboard', icon: <DashboardOutlined /> }];
  const add = (e: MenuEntry) => {
    if (!out.some((x) => x.key === e.key)) out.push(e);
  };
  // Case work comes first: it is what most users open the console for.
  if (roles.has('admin') || roles.has('station') || roles.has('liaison')) {
    add({ key: 'cases', path: '/cases', labelKey: 'menu.cases', icon: <AuditOutlined /> });
  }
  if (roles.has('department')) add({ key: 'inbox', path: '/inbox', labelKey: 'menu.inbox', icon: <InboxOutlined />, also: ['/cases'] });
  if (roles.has('deputy')) add({ key: 'cases', path: '/cases', labelKey: 'menu.casesReceived', icon: <AuditOutlined /> });
  // 代表建议: the office registers and assigns, deputies draft and evaluate, departments reply (their inbox), station staff read.
  if (roles.has('admin') || roles.has('deputy') || roles.has('station')) {
    add({ key: 'suggestions', path: '/suggestions', labelKey: 'suggestions.menu', icon: <BulbOutlined /> });
  }
  if (roles.has('department')) add({ key: 'suggestions', path: '/suggestions', labelKey: 'suggestions.menuDepartment', icon: <BulbOutlined /> });
  // 公开办理结果: station staff prepare their closed cases' results for the public site, the office reviews them.
  if (roles.has('admin') || roles.has('station')) add({ key: 'publications', path: '/publications', labelKey: 'publications.menu', icon: <GlobalOutlined /> });
  // 接待安排: everyone at a station reads it; the server decides who changes the rota or records a reception.
  if (roles.has('admin') || roles.has('station') || roles.has('liaison') || roles.has('deputy')) {
    add({ key: 'scheduleCalendar', path: '/schedule/calendar', labelKey: 'schedule.menu.calendar', icon: <ScheduleOutlined /> });
    add({ key: 'scheduleRules', path: '/schedule/rules', labelKey: 'schedule.menu.rules', icon: <CarryOutOutlined /> });
    add({ key: 'scheduleSessions', path: '/schedule/sessions', labelKey: 'schedule.menu.sessions', icon: <FileDoneOutlined /> });
  }
  // 代表活动: everyone who takes part; the server decides what each sees (a department only what it is invited to).
  if (roles.has('admin') || roles.has('station') || roles.has('liaison') || roles.has('deputy') || roles.has('department')) {
    add({ key: 'activities', path: '/activities', labelKey: 'activities.menu', icon: <FlagOutlined /> });
  }
  // 标准化建设 (八有/五有): 达标情况 for everyone at a station (the server scopes it to theirs); the district office keeps the checklist items.
  if (roles.has('admin') || roles.has('station') || roles.has('liaison') || roles.has('deputy')) {
    add({ key: 'standardsCoverage', path: '/standards', labelKey: 'standards.menu.coverage', icon: <SafetyCertificateOutlined /> });
  }
  // 民生实事项目票决: 项目征集 for those who collect and screen proposals; 票决会议 for every account of the district (deputies: 我的投票).
  if (roles.has('admin') || roles.has('deputy') || roles.has('station')) add({ key: 'projectCalls', path: '/project-calls', labelKey: 'projectCalls.menu', icon: <NotificationOutlined /> });
  add({ key: 'voting', path: '/voting', labelKey: roles.has('deputy') && !roles.has('admin') ? 'voting.menuMine' : 'voting.menu', icon: <CheckSquareOutlined /> });
  // 民生实事项目: every account of the district reads them (the server decides who reports progress); 项目测评: the office and the deputies who score.
  add({ key: 'projects', path: '/projects', labelKey: 'projects.menu', icon: <ProjectOutlined /> });
  if (roles.has('admin') || roles.has('deputy')) add({ key: 'projectEvaluation', path: '/project-evaluation', labelKey: 'projectEvaluation.menu', icon: <StarOutlined /> });
  // 履职档案 (一人一档): the office and station staff read the archives and review self-reports; a deputy reads his/her own and reports.
  if (roles.has('admin') || roles.has('station')) {
    add({ key: 'archive', path: '/archive', labelKey: 'archive.menu.list', icon: <ContainerOutlined /> });
    add({ key: 'archiveReview', path: '/archive/review', labelKey: 'archive.menu.review', icon: <FileSearchOutlined />, also: ['/archive/self-reports'] });
  }
  if (roles.has('deputy') && user.deputyId) {
    add({ key: 'myArchive', path: '/archive/me', labelKey: 'archive.menu.mine', icon: <ContainerOutlined />, also: [`/archive/deputies/${user.deputyId}`] });
    add({ key: 'selfReports', path: '/archive/self-reports', labelKey: 'archive.menu.selfReports', icon: <FileAddOutlined /> });
  }
  // 履职考评: the office runs the rounds, station staff fill their deputies' group and township sheets; a deputy: 我的考评.
  if (roles.has('admin') || roles.has('station')) add({ key: 'assessment', path: '/assessment', labelKey: 'assessment.menu', icon: <TrophyOutlined /> });
  else if (roles.has('deputy')) add({ key: 'myAssessment', path: '/assessment/mine', labelKey: 'assessment.menuMine', icon: <TrophyOutlined />, also: ['/assessment'] });
  if (roles.has('admin')) add({ key: 'standardsItems', path: '/standards/items', labelKey: 'standards.menu.items', icon: <OrderedListOutlined /> });
  if (roles.has('admin')) {
    add({ key: 'stations', path: '/stations', labelKey: 'menu.stations', icon: <BankOutlined /> });
    add({ key: 'deputies', path: '/deputies', labelKey: 'menu.deputies', icon: <TeamOutlined /> });
    add({ key: 'departments', path: '/departments', labelKey: 'menu.departments', icon: <ApartmentOutlined /> });
    add({ key: 'users', path: '/users', labelKey: 'menu.users', icon: <SolutionOutlined /> });
    add({ key: 'regions', path: '/regions', labelKey: 'menu.regions', icon: <EnvironmentOutlined /> });
    add({ key: 'routing', path: '/settings/routing', labelKey: 'settings.menu.routing', icon: <BranchesOutlined /> });
    add({ key: 'calendar', path: '/settings/calendar', labelKey: 'settings.menu.calendar', icon: <CalendarOutlined /> });
    add({ key: 'sla', path: '/settings/sla', labelKey: 'settings.menu.sla', icon: <FieldTimeOutlined /> });
    add({ key: 'insightModels', path: '/insight/models', labelKey: 'insightModels.menu', icon: <ExperimentOutlined /> });
  }
  if (roles.has('station')) {
    // Station staff work in one station (and its rooms): its page is their "本站信息".
    if (user.stationId) add({ key: 'myStation', path: `/stations/${user.stationId}`, labelKey: 'menu.myStation', icon: <HomeOutlined /> });
    else add({ key: 'stations', path: '/stations', labelKey: 'menu.stations', icon: <BankOutlined /> });
    add({ key: 'deputies', path: '/deputies', labelKey: 'menu.deputies', icon: <TeamOutlined /> });
    add({ key: 'departments', path: '/departments', labelKey: 'menu.departments', icon: <ApartmentOutlined /> });
    // Station staff assign cases: they read the routing rules and the calendar the time limits run on.
    add({ key: 'routing', path: '/settings/routing', labelKey: 'settings.menu.routing', icon: <BranchesOutlined /> });
    add({ key: 'calendar', path: '/settings/calendar', labelKey: 'settings.menu.calendar', icon: <CalendarOutlined /> });
  }
  if (roles.has('department') && user.departmentId) {
    add({ key: 'myDepartment', path: `/departments/${user.departmentId}`, labelKey: 'menu.myDepartment', icon: <ClusterOutlined /> });
  }
  if (roles.has('deputy') && user.deputyId) {
    add({ key: 'myDeputy', path: `/deputies/${user.deputyId}`, labelKey: 'menu.myDeputy', icon: <IdcardOutlined /> });
  }
  add({ key: 'me', path: '/me', labelKey: 'menu.me', icon: <UserOutlined /> });
  return out;
}

/** The menu entry a location belongs to: the longest path that prefixes it. */
export function selectedKey(entries: MenuEntry[], pathname: string): string | undefined {
  let best: { key: string; length: number } | undefined;
  for (const e of entries) {
    for (const path of [e.path, ...(e.also ?? [])]) {
      const match = path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
      if (match && (!best || path.length > best.length)) best = { key: e.key, length: path.length };
    }
  }
  return best?.key;
}
