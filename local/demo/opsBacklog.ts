/**
 * What the OPS project holds: Brightlane Digital's own operations, worked on a kanban board.
 * The client has no role here, so none of this is visible to Northwind.
 */
import type { Persona } from './people';
import type { PriorityName, Progress } from './siteConfig';

export interface OpsEntry {
  kind: 'task' | 'bug';
  summary: string;
  detail: string;
  owner: Persona;
  reporter: Persona;
  status: Progress;
  labels: string[];
  /** Raised this many days before today. */
  raisedDaysAgo: number;
  /** Days from today. */
  due?: number;
  priority?: PriorityName;
  hours?: number;
  comments?: Array<{ by: Persona; text: string }>;
}

export const OPS_ENTRIES: OpsEntry[] = [
  {
    kind: 'task', summary: 'Renew the wildcard TLS certificate for preview environments', owner: 'dev4', reporter: 'dev4', status: 'done',
    labels: ['devops'], raisedDaysAgo: 52, hours: 2, detail: 'The *.preview.brightlane-digital.example certificate expires at the end of the month.',
  },
  {
    kind: 'task', summary: 'Quarterly access review for client projects', owner: 'pm', reporter: 'approver', status: 'progress',
    labels: ['security'], raisedDaysAgo: 12, due: -1, hours: 3,
    detail: 'Check who can see each client project in Jira, Confluence and the hosting accounts; remove leavers.',
    comments: [{ by: 'approver', text: 'The auditors want this signed off before the end of the quarter.' }],
  },
  {
    kind: 'task', summary: 'Upgrade Node.js to v22 on the build agents', owner: 'dev4', reporter: 'dev2', status: 'review',
    labels: ['devops'], raisedDaysAgo: 20, hours: 4, detail: 'Node 20 goes out of support; upgrade the agents and the base images.',
  },
  {
    kind: 'task', summary: 'Write the Northwind case study for the agency website', owner: 'approver', reporter: 'approver', status: 'todo',
    labels: ['marketing'], raisedDaysAgo: 9, due: 40, detail: 'After launch: goals, approach, results (conversion, page speed).',
  },
  {
    kind: 'task', summary: 'Invoice Northwind for sprint 3', owner: 'approver', reporter: 'pm', status: 'done',
    labels: ['finance'], raisedDaysAgo: 16, hours: 1, detail: 'Time and materials per the statement of work; attach the sprint report.',
  },
  {
    kind: 'task', summary: 'Set up a laptop for the new designer', owner: 'dev4', reporter: 'pm', status: 'done',
    labels: ['it'], raisedDaysAgo: 30, hours: 3, detail: 'Starts on Monday: laptop, accounts, design tool licences.',
  },
  {
    kind: 'bug', summary: 'Timesheet reminder bot posts twice on Fridays', owner: 'dev2', reporter: 'dev1', status: 'todo',
    labels: ['internal-tools'], raisedDaysAgo: 6, priority: 'low', detail: 'Since the daylight saving change the reminder fires at 16:00 and 17:00.',
  },
  {
    kind: 'task', summary: 'Update the project estimation template with the new day rates', owner: 'pm', reporter: 'approver', status: 'done',
    labels: ['finance'], raisedDaysAgo: 40, hours: 2, detail: 'New rates apply to all proposals sent after the first of the month.',
  },
  {
    kind: 'task', summary: 'Plan the team offsite', owner: 'pm', reporter: 'approver', status: 'progress',
    labels: ['team'], raisedDaysAgo: 25, due: 14, hours: 2, detail: 'Two days, about 20 people; venue, agenda and travel.',
  },
  {
    kind: 'task', summary: 'Back up the old agency file server to cold storage', owner: 'dev4', reporter: 'dev4', status: 'todo',
    labels: ['it'], raisedDaysAgo: 33, due: -6, detail: 'The server is switched off at the end of the lease; 1.8 TB to archive.',
  },
  {
    kind: 'task', summary: 'Shared component library: publish v2 to the private registry', owner: 'dev1', reporter: 'dev1', status: 'done',
    labels: ['internal-tools'], raisedDaysAgo: 45, hours: 6, detail: 'Release the design-system components reused across client projects.',
  },
  {
    kind: 'task', summary: 'Review the open-source licences used in client deliverables', owner: 'dev3', reporter: 'approver', status: 'progress',
    labels: ['legal'], raisedDaysAgo: 18, hours: 4, detail: 'List licences of third-party packages per active project and flag copyleft ones.',
  },
];
