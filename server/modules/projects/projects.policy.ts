import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import { platformErrors } from '../../platform/errors.ts';

/**
 * Who may do what with livelihood projects. Everything is district-wide: a call, a voting
 * session, a project belongs to the district (`district_code`); anything of another district
 * does not exist for the caller (404).
 *
 * - The office (admin) runs calls, screening, voting sessions (create, open, close, paper
 *   ballots: entered by one person, confirmed by another), projects and evaluation rounds.
 * - Deputies collect proposals, vote in the sessions they are members of, score projects in
 *   evaluation rounds, follow projects.
 * - The responsible department reports progress and milestones of its own projects.
 * - Every account of the district reads calls, sessions (tallies, never who voted what) and projects.
 */
export interface ProjectsActor {
  userId: string;
  districtCode: string;
  admin: boolean;
  deputyId: string | null;
  departmentId: string | null;
}

export function projectsActor(p: Principal): ProjectsActor {
  return {
    userId: p.userId,
    districtCode: p.districtCode,
    admin: hasRole(p, 'admin'),
    deputyId: hasRole(p, 'deputy') ? p.deputyId : null,
    departmentId: hasRole(p, 'department') ? p.departmentId : null,
  };
}

export function requireOffice(a: ProjectsActor, what = '此操作'): void {
  if (!a.admin) throw platformErrors.FORBIDDEN(`只有区人大常委会（代表工委）可以${what}`);
}

/** The office, or the department responsible for the project. */
export const mayReportProgress = (a: ProjectsActor, project: { department_id: string | null }): boolean =>
  a.admin || (a.departmentId !== null && a.departmentId === project.department_id);
