/**
 * The people of the demo engagement: Brightlane Digital (the agency) rebuilds the web shop of
 * Northwind Outfitters (the client). Account ids are fixed 24-hex strings, as older Atlassian
 * accounts have, so they are the same on every run and in every test.
 */
import type { SandboxUser } from '../jira/model';
import { appUser } from '../jira/rest/access';

export const PERSONAS = ['pm', 'approver', 'dev1', 'dev2', 'dev3', 'dev4', 'clientPo', 'clientMarketing', 'clientOps', 'outsider'] as const;
export type Persona = (typeof PERSONAS)[number];

export const AGENCY_NAME = 'Brightlane Digital';
export const CLIENT_NAME = 'Northwind Outfitters';
/** The agency's outside accountants: a client of the OPS project only (never of SHOP). */
export const OPS_CLIENT_NAME = 'Ledgerline Accounting';

export interface DemoPerson {
  persona: Persona;
  accountId: string;
  displayName: string;
  emailAddress: string;
  timeZone: string;
  /** Jira's profile language (`en_GB`): the app writes dates in its style. */
  locale: string;
  /** What the person does, for the local host's user switcher. */
  title: string;
  organisation: typeof AGENCY_NAME | typeof CLIENT_NAME | typeof OPS_CLIENT_NAME;
  /** Holds Jira's global ADMINISTER permission. */
  jiraAdmin: boolean;
}

export const DEMO_PEOPLE: Readonly<Record<Persona, DemoPerson>> = {
  pm: {
    persona: 'pm', accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Maya Lindqvist',
    emailAddress: 'maya.lindqvist@brightlane-digital.example', timeZone: 'Europe/London', locale: 'en_GB',
    title: 'Project manager (and Jira site admin)', organisation: AGENCY_NAME, jiraAdmin: true,
  },
  approver: {
    persona: 'approver', accountId: '5c4f3a91e2b07d1a8f6e2b13', displayName: 'Oliver Grant',
    emailAddress: 'oliver.grant@brightlane-digital.example', timeZone: 'Europe/London', locale: 'en_GB',
    title: 'Account director', organisation: AGENCY_NAME, jiraAdmin: false,
  },
  dev1: {
    persona: 'dev1', accountId: '5d8e21b7c93a4f0e6b1d7a42', displayName: 'Priya Raman',
    emailAddress: 'priya.raman@brightlane-digital.example', timeZone: 'Europe/London', locale: 'en_GB',
    title: 'Front-end developer', organisation: AGENCY_NAME, jiraAdmin: false,
  },
  dev2: {
    persona: 'dev2', accountId: '5e07b9d3a1c24e8f90b6d357', displayName: 'Tomasz Nowak',
    emailAddress: 'tomasz.nowak@brightlane-digital.example', timeZone: 'Europe/Warsaw', locale: 'en_GB',
    title: 'Back-end developer', organisation: AGENCY_NAME, jiraAdmin: false,
  },
  dev3: {
    persona: 'dev3', accountId: '5f1c6e2a8d3b47f9a0e5c168', displayName: 'Lucía Fernández',
    emailAddress: 'lucia.fernandez@brightlane-digital.example', timeZone: 'Europe/Madrid', locale: 'en_GB',
    title: 'Full-stack developer (CMS)', organisation: AGENCY_NAME, jiraAdmin: false,
  },
  dev4: {
    persona: 'dev4', accountId: '60a3d7f1b4e2c9085d6a7e29', displayName: 'Daniel Okafor',
    emailAddress: 'daniel.okafor@brightlane-digital.example', timeZone: 'Europe/London', locale: 'en_GB',
    title: 'QA and DevOps engineer', organisation: AGENCY_NAME, jiraAdmin: false,
  },
  clientPo: {
    persona: 'clientPo', accountId: '61b5e8a2c7d3f4019e8b6c3a', displayName: 'Hannah Becker',
    emailAddress: 'hannah.becker@northwind-outfitters.example', timeZone: 'Europe/Berlin', locale: 'en_GB',
    title: 'Product owner, e-commerce (client)', organisation: CLIENT_NAME, jiraAdmin: false,
  },
  clientMarketing: {
    persona: 'clientMarketing', accountId: '62c7f0b3d8e4a5129f0c7d4b', displayName: 'James Whitfield',
    emailAddress: 'james.whitfield@northwind-outfitters.example', timeZone: 'Europe/London', locale: 'en_GB',
    title: 'Marketing lead (client)', organisation: CLIENT_NAME, jiraAdmin: false,
  },
  clientOps: {
    persona: 'clientOps', accountId: '64e0b2d5f1a6c7341b2e9f6d', displayName: 'Grace Adeyemi',
    emailAddress: 'grace.adeyemi@ledgerline-accounting.example', timeZone: 'Europe/Dublin', locale: 'en_IE',
    title: 'External accountant (client of OPS only)', organisation: OPS_CLIENT_NAME, jiraAdmin: false,
  },
  outsider: {
    persona: 'outsider', accountId: '63d9a1c4e0f5b6230a1d8e5c', displayName: 'Riley Chen',
    emailAddress: 'riley.chen@brightlane-digital.example', timeZone: 'America/New_York', locale: 'en_US',
    title: 'Sales consultant (no role in either project)', organisation: AGENCY_NAME, jiraAdmin: false,
  },
};

/** Account ids by persona. */
export const DEMO_USERS: Readonly<Record<Persona, string>> = Object.fromEntries(
  PERSONAS.map((p) => [p, DEMO_PEOPLE[p].accountId]),
) as Record<Persona, string>;

/** The site's users: every persona (with an API token `demo-token-<persona>`) and the Forge app user. */
export function demoUsers(): SandboxUser[] {
  const people: SandboxUser[] = PERSONAS.map((p) => {
    const person = DEMO_PEOPLE[p];
    const user: SandboxUser = {
      accountId: person.accountId,
      accountType: 'atlassian',
      displayName: person.displayName,
      emailAddress: person.emailAddress,
      timeZone: person.timeZone,
      locale: person.locale,
      active: true,
      apiToken: `demo-token-${p}`,
    };
    if (person.jiraAdmin) user.jiraAdmin = true;
    return user;
  });
  people.push(appUser());
  return people;
}
