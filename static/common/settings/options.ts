/** Option lists for the settings selects, from the shared vocabulary. */
import { APP_ROLES, type AppRole } from '../../../src/access/domain/roles';
import { WEEKDAYS, type Weekday } from '../../../src/platform/domain/time';
import { AUDIENCES, CHANNELS, MEETING_CADENCES, REPORT_CADENCES, type Audience, type Channel } from '../../../src/platform/domain/vocabulary';
import type { Option } from '../fields';

const DAY_NAMES: Record<Weekday, string> = { MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday' };
export const weekdayOptions: Option<Weekday>[] = WEEKDAYS.map((day) => ({ value: day, label: DAY_NAMES[day] }));
export const dayName = (day: Weekday) => DAY_NAMES[day];

const CHANNEL_NAMES: Record<Channel, string> = { email: 'Email', phone: 'Phone', slack: 'Slack', teams: 'Microsoft Teams', jira: 'Jira', meeting: 'In a meeting' };
export const channelOptions: Option<Channel>[] = CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_NAMES[channel] }));
export const channelName = (channel: Channel) => CHANNEL_NAMES[channel];

const AUDIENCE_NAMES: Record<Audience, string> = { executive: 'Executives', manager: 'Managers', client: 'Client users', team: 'Team' };
export const audienceOptions: Option<Audience>[] = AUDIENCES.map((audience) => ({ value: audience, label: AUDIENCE_NAMES[audience] }));

export const meetingCadenceOptions: Option<(typeof MEETING_CADENCES)[number]>[] = MEETING_CADENCES.map((cadence) => ({
  value: cadence,
  label: { weekly: 'Weekly', biweekly: 'Every two weeks', monthly: 'Monthly' }[cadence],
}));

export const reportCadenceOptions: Option<(typeof REPORT_CADENCES)[number]>[] = REPORT_CADENCES.map((cadence) => ({
  value: cadence,
  label: { weekly: 'Weekly', monthly: 'Monthly' }[cadence],
}));

const ROLE_NAMES: Record<AppRole, string> = { manager: 'Manager', approver: 'Approver', team: 'Team member', client: 'Client' };
export const roleName = (role: AppRole) => ROLE_NAMES[role];
export const ROLE_HELP: Record<AppRole, string> = {
  manager: 'Changes settings, assesses and publishes.',
  approver: 'Approves or declines change requests.',
  team: 'Works on the project; sees internal information.',
  client: 'Sees only their own asks, change requests and published reports.',
};
export { APP_ROLES };

let zones: Option[] | undefined;
/** IANA zones the browser knows (plus UTC), built once. */
export function timeZoneOptions(): Option[] {
  if (!zones) {
    const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = ['UTC', ...supported.filter((zone) => zone !== 'UTC')].map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
  }
  return zones;
}
