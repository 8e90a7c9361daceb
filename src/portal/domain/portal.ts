/**
 * The Liaison global page ("portal home"): one card per project in which the person holds an
 * app role, carrying only the client-safe part of the communication plan.
 */
import { clientSafePlan, type ClientSafePlan } from '../../access/domain/access';
import { nextMeeting, type MeetingOccurrence } from './meetings';
import type { AppRole } from '../../access/domain/roles';
import type { PortalSummary } from './portalSummary';
import type { CommunicationPlan } from '../../settings/domain/settings';

export interface PortalProject extends ClientSafePlan {
  projectKey: string;
  projectName: string;
  roles: AppRole[];
  nextMeeting: MeetingOccurrence | null;
  /** Status, the caller's asks and change requests, flags and published reports (portal.home). */
  summary?: PortalSummary;
}

export function portalProject(args: { projectKey: string; projectName: string; roles: AppRole[]; plan: CommunicationPlan; now: Date }): PortalProject {
  const safe = clientSafePlan(args.plan);
  return {
    projectKey: args.projectKey,
    projectName: args.projectName,
    roles: [...args.roles],
    clientContacts: safe.clientContacts,
    escalationPath: safe.escalationPath,
    nextMeeting: nextMeeting(args.plan.meetings, args.now),
  };
}
