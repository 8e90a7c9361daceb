/**
 * The demo's story: what the people of the SHOP project did in Liaison over the last weeks, played
 * as a short script of persona actions through the app's own resolvers and triggers (the same
 * calls the panels and pages make, as that person, with every role check and validation), each at
 * the time it happened. The local host's clock (local/host/clock.ts) is set to each step's time, so
 * an ask asked a week ago with a due date three days ago was valid when it was asked and is
 * overdue now; nothing is written to Forge storage or Jira by hand.
 *
 * What SHOP holds after it (besides the site's own three change requests, logged / acknowledged /
 * told): client asks open, answered (one after a question and a clearer re-ask), accepted and
 * overdue, one with a conversation (Hannah's question, Maya's reply, Hannah's message) and one
 * waiting on the team (Hannah's question still open); change requests assessing, awaiting approval,
 * approved as a paid change whose price was sent to Hannah to accept within a week (not yet
 * answered), declined and withdrawn; manual flags (one resolved, one a client's "I am confused"), the rules' flags from the
 * daily run; two published client reports a week apart (each saved, revised, then published), a
 * manager draft, and a share link to the latest client report.
 *
 * To add to the story, add a step to STORY (its time decides where it plays; steps at the same time
 * play in list order). Another message on an ask, for instance, is one step among the asks:
 *   { when: ago(1, '11:00'), by: 'pm', does: 'writes on the loyalty ask', act: (s) => s.call('asks.post', { issueKey: s.key(LOYALTY), message: '...' }, ASK_PANEL) },
 * and Hannah's answer to the quoted price would be `changes.respondToPrice` after NEXT_DAY's inform (see there).
 */
import type { SiteData } from '../jira/model';
import { at, isoDate, isWorkday, mondayOnOrBefore, utcDay } from './calendar';
import { DEMO_PEOPLE, DEMO_USERS, type Persona } from './people';

export const STORY_PROJECT = 'SHOP';

/** Module keys the resolvers are called from (as the page or panel a person uses). */
const PROJECT_PAGE = 'liaison-project';
const PORTAL = 'liaison-portal';
const ASK_PANEL = 'client-ask-panel';
const FLAGS_PANEL = 'red-flags-panel';
const CHANGE_PANEL = 'change-request-panel';

/** What the story needs of the local host: the app's handlers, and the Jira site (read to find issues by summary). */
export interface StoryHost {
  app: {
    invoke(opts: { accountId: string; moduleKey: string; functionKey: string; payload?: unknown }): Promise<unknown>;
    fireScheduledTrigger(moduleKey: string): Promise<unknown>;
    idle(): Promise<void>;
  };
  site: SiteData;
  /** Sets the clock every handler and the sandbox read (local/host/clock.ts); null: the real time again. */
  setClock(at: number | null): void;
}

/** What a step can do, as its person at its time. */
export interface StepApi {
  /** Calls a resolver as the step's person; throws with the app's message when it refuses. */
  call<T = any>(functionKey: string, payload: Record<string, unknown>, moduleKey?: string): Promise<T>;
  /** The SHOP issue with this summary (an issue of the site, or one raised earlier in the story). */
  key(summary: string): string;
  /** YYYY-MM-DD of the working day `n` working days after today (negative: before). */
  workday(n: number): string;
  /** YYYY-MM-DD of a day in the week `weeksAgo` weeks before this one (Monday 0 .. Friday 4). */
  weekday(weeksAgo: number, day: number): string;
  /** Runs a scheduled trigger now, as Forge's scheduler would (no person). */
  schedule(moduleKey: string): Promise<void>;
}

export interface StoryStep {
  /** When it happened (ms), from today's day number. */
  when: (today: number) => number;
  by: Persona | 'scheduler';
  /** What the person did, in their words (printed and kept in the step log). */
  does: string;
  act(s: StepApi): Promise<unknown>;
}

/** The working day `n` working days before `day` (n = 0: `day`, or the working day before it). */
export function workdaysBefore(day: number, n: number): number {
  let d = day;
  while (!isWorkday(d)) d -= 1;
  for (let left = n; left > 0; ) {
    d -= 1;
    if (isWorkday(d)) left -= 1;
  }
  return d;
}

function workdaysAfter(day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0; ) {
    d += 1;
    if (isWorkday(d)) left -= 1;
  }
  return d;
}

function time(hhmm: string): [number, number] {
  const [h, m] = hhmm.split(':').map(Number);
  return [h, m];
}

/** `n` working days ago at `hhmm` UTC. */
export const ago = (n: number, hhmm: string) => (today: number) => at(workdaysBefore(today, n), ...time(hhmm));
/** A weekday (Monday 0 .. Friday 4) of the week `weeksAgo` weeks before this one, at `hhmm` UTC. */
export const weekdayAgo = (weeksAgo: number, day: number, hhmm: string) => (today: number) => at(mondayOnOrBefore(today) - 7 * weeksAgo + day, ...time(hhmm));

// The issues the story works on (SHOP's own, by summary) and the change requests it raises.
const REDIRECTS = '301 redirects from old shop URLs';
const LOYALTY = 'Confirm loyalty programme rules with Northwind finance';
const LOOKBOOK = 'Lookbook page for the spring campaign';
const COOKIE = 'Cookie consent banner';
const UAT = 'UAT test plan and walkthrough session with Northwind';
const KLARNA = 'Klarna pay-later option';
const DISCOUNTS = 'Discount codes at checkout';
const MIGRATE = 'Migrate customer accounts from the old shop';
const ORDER_HISTORY = 'Order history in the customer account';
const SIZE_RECOMMENDATION = 'Size recommendation based on previous purchases';
const NEXT_DAY = 'Offer next-day delivery in mainland UK';
const GERMAN = 'Translate the shop into German';
const POPUP = 'Newsletter pop-up on the first visit';
const LOOK_CAROUSEL = 'A "Complete the look" carousel on product pages';
const DELIVERY_ESTIMATE = 'Show a delivery estimate on the product page';

/** The change request's current version (the panel shows it, and every step sends it back). */
async function changeVersion(s: StepApi, summary: string): Promise<number> {
  return (await s.call<{ version: number }>('changes.get', { issueKey: s.key(summary) }, CHANGE_PANEL)).version;
}

async function acknowledge(s: StepApi, summary: string) {
  return s.call('changes.acknowledge', { issueKey: s.key(summary), version: await changeVersion(s, summary) }, CHANGE_PANEL);
}

async function assess(s: StepApi, summary: string, input: Record<string, unknown>) {
  return s.call('changes.assess', { issueKey: s.key(summary), version: await changeVersion(s, summary), ...input }, CHANGE_PANEL);
}

async function decide(s: StepApi, summary: string, input: Record<string, unknown>) {
  return s.call('changes.decide', { issueKey: s.key(summary), version: await changeVersion(s, summary), ...input }, CHANGE_PANEL);
}

/** A client's report for a week (saved as a draft; answers its id and version). */
async function saveClientReport(s: StepApi, weeksAgo: number, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  return s.call('reports.saveDraft', { projectKey: STORY_PROJECT, period: { kind: 'week', date: s.weekday(weeksAgo, 0) }, audience: 'client', ...extra }, PROJECT_PAGE);
}

/** The latest saved client report of a week, as the Reports page lists it. */
async function clientReportOf(s: StepApi, weeksAgo: number): Promise<{ id: string; version: number; status: string }> {
  const from = s.weekday(weeksAgo, 0);
  const list = await s.call<{ snapshots: { id: string; version: number; status: string; audience: string; period: { from: string } }[] }>('reports.list', { projectKey: STORY_PROJECT }, PROJECT_PAGE);
  const found = list.snapshots.find((r) => r.audience === 'client' && r.period.from === from);
  if (!found) throw new Error(`no client report for the week of ${from}`);
  return found;
}

async function raiseFlag(s: StepApi, summary: string, flag: { category: string; severity: string; note: string; clientVisible: boolean }) {
  return s.call('flags.raise', { issueKey: s.key(summary), ...flag }, FLAGS_PANEL);
}

export const STORY: StoryStep[] = [
  // Liaison switched on for SHOP: the project's settings saved with the red-flag rules switched on (one run follows at once), sharing reports by link allowed.
  {
    when: ago(14, '09:00'), by: 'pm', does: 'saves SHOP\'s Liaison settings with the red-flag rules on and sharing by link on',
    act: async (s) => {
      const current = await s.call<{ version: number; settings: Record<string, unknown> }>('settings.get', { projectKey: STORY_PROJECT }, PROJECT_PAGE);
      return s.call('settings.save', { projectKey: STORY_PROJECT, version: current.version, ...current.settings, sharing: { enabled: true }, redFlagRules: { on: true } }, PROJECT_PAGE);
    },
  },

  // ---- client asks ----
  { when: ago(10, '09:30'), by: 'pm', does: 'asks Hannah for the old shop URLs', act: (s) => s.call('asks.set', { issueKey: s.key(REDIRECTS), client: DEMO_USERS.clientPo, ask: 'Please send the list of old shop URLs with their traffic (the top 500 pages from Google Analytics), so we can map every redirect.', due: s.workday(-6) }, ASK_PANEL) },
  { when: ago(8, '15:10'), by: 'clientPo', does: 'answers with the URL list', act: (s) => s.call('asks.answer', { issueKey: s.key(REDIRECTS), answer: 'The top 500 URLs with their monthly visits are in the shared Drive folder: old-shop-urls-top500.csv.' }, PORTAL) },
  { when: ago(7, '09:05'), by: 'pm', does: 'accepts Hannah\'s answer', act: (s) => s.call('asks.accept', { issueKey: s.key(REDIRECTS) }, ASK_PANEL) },

  { when: ago(7, '11:00'), by: 'pm', does: 'asks Hannah to confirm the loyalty rules', act: (s) => s.call('asks.set', { issueKey: s.key(LOYALTY), client: DEMO_USERS.clientPo, ask: 'Please confirm the loyalty programme rules with your finance team: 1 point per euro spent, points expire after 12 months, no points on gift cards.', due: s.workday(-3) }, ASK_PANEL) },
  // A conversation on the loyalty ask: Hannah needs more information, Maya replies the next working day (the ask waits on Hannah again), Hannah writes back.
  { when: ago(3, '11:00'), by: 'clientPo', does: 'asks whether points count on discounted orders', act: (s) => s.call('asks.requestInfo', { issueKey: s.key(LOYALTY), note: 'Finance asks: do points count on the amount paid after a discount code, or on the full price?' }, PORTAL) },
  { when: ago(2, '09:45'), by: 'pm', does: 'replies on the loyalty ask', act: (s) => s.call('asks.post', { issueKey: s.key(LOYALTY), message: 'On the amount paid after the discount, so a 10% code earns 10% fewer points. Please confirm that with the other rules.' }, ASK_PANEL) },
  { when: ago(2, '13:20'), by: 'clientPo', does: 'writes back on the loyalty ask', act: (s) => s.call('asks.post', { issueKey: s.key(LOYALTY), message: 'Thanks, that is clear. Finance meets on Thursday; I will confirm all the rules after that.' }, PORTAL) },
  { when: ago(6, '10:00'), by: 'dev3', does: 'asks James for the lookbook photos', act: (s) => s.call('asks.set', { issueKey: s.key(LOOKBOOK), client: DEMO_USERS.clientMarketing, ask: 'Please send the spring lookbook photos (at least 12, 2400 px wide) with their captions.', due: s.workday(-1) }, ASK_PANEL) },

  { when: ago(6, '14:00'), by: 'dev1', does: 'asks Hannah to approve the cookie banner wording', act: (s) => s.call('asks.set', { issueKey: s.key(COOKIE), client: DEMO_USERS.clientPo, ask: 'Please approve the wording of the cookie banner.', due: s.workday(-2) }, ASK_PANEL) },
  { when: ago(5, '10:00'), by: 'clientPo', does: 'asks which wording is meant', act: (s) => s.call('asks.requestInfo', { issueKey: s.key(COOKIE), note: 'Which wording do you mean: the one our legal team sent, or your own draft?' }, PORTAL) },
  { when: ago(4, '15:00'), by: 'dev1', does: 'answers with a clearer ask', act: (s) => s.call('asks.set', { issueKey: s.key(COOKIE), client: DEMO_USERS.clientPo, ask: 'Please approve the wording your legal team sent on 12 November: "We use cookies to run the shop and, with your consent, to measure visits. Accept all / Only necessary / Settings".', due: s.workday(3) }, ASK_PANEL) },
  { when: ago(2, '09:30'), by: 'clientPo', does: 'approves the cookie banner', act: (s) => s.call('asks.answer', { issueKey: s.key(COOKIE), answer: 'Approved, with "Only necessary" shown as prominently as "Accept all".' }, PORTAL) },

  { when: ago(2, '11:00'), by: 'dev2', does: 'asks James for the Klarna test credentials', act: (s) => s.call('asks.set', { issueKey: s.key(KLARNA), client: DEMO_USERS.clientMarketing, ask: 'Please send the Klarna merchant ID and the API credentials of your Klarna test account.', due: s.workday(1) }, ASK_PANEL) },
  { when: ago(1, '10:00'), by: 'pm', does: 'asks Hannah to pick a UAT date', act: (s) => s.call('asks.set', { issueKey: s.key(UAT), client: DEMO_USERS.clientPo, ask: 'Please pick a date for the two-hour UAT walkthrough (on site in Leeds or by video) and tell us who will attend.', due: s.workday(3) }, ASK_PANEL) },
  // Hannah's question on the UAT ask is still open today: the ask waits on the team.
  { when: ago(1, '16:30'), by: 'clientPo', does: 'asks whether the UAT walkthrough can be split', act: (s) => s.call('asks.requestInfo', { issueKey: s.key(UAT), note: 'Could the walkthrough be two one-hour sessions? Our store managers cannot leave the shops for two hours.' }, PORTAL) },

  // ---- change requests (the site holds three more: logged, acknowledged, told) ----
  { when: ago(11, '10:00'), by: 'clientPo', does: 'asks for next-day delivery', act: (s) => s.call('changes.raise', { projectKey: STORY_PROJECT, summary: NEXT_DAY, description: 'Shoppers in mainland UK should be able to choose next-day delivery (order by 2pm) for a fee.' }, PORTAL) },
  { when: ago(11, '14:00'), by: 'pm', does: 'acknowledges the next-day delivery request', act: (s) => acknowledge(s, NEXT_DAY) },
  {
    when: ago(10, '11:00'), by: 'dev2', does: 'assesses next-day delivery and submits it for approval',
    act: (s) => assess(s, NEXT_DAY, {
      effortDays: 4, scheduleDays: 2, cost: 2400, currency: 'EUR', scope: 'Checkout shipping step, carrier API (DPD), order export', submit: true,
      notes: [
        { text: 'DPD\'s API needs a cut-off check per postcode; their sandbox is slow.', visibility: 'internal' },
        { text: 'Next-day delivery is offered for orders placed by 2pm, for mainland UK postcodes.', visibility: 'client' },
      ],
    }),
  },
  { when: ago(8, '15:00'), by: 'approver', does: 'approves next-day delivery as a paid change', act: (s) => decide(s, NEXT_DAY, { outcome: 'paid', price: { amount: 3200, currency: 'EUR' }, rationale: 'New scope: a second carrier integration. Priced at our day rate.' }) },
  {
    // Told with the panel's own draft and a week to accept the price; Hannah has not answered yet, so it waits on her.
    when: ago(2, '10:30'), by: 'pm', does: 'sends Hannah the price of next-day delivery, to accept within a week',
    act: async (s) => {
      const { message } = await s.call<{ message: string }>('changes.draftMessage', { issueKey: s.key(NEXT_DAY) }, CHANGE_PANEL);
      return s.call('changes.inform', { issueKey: s.key(NEXT_DAY), version: await changeVersion(s, NEXT_DAY), message, deadline: s.workday(3) }, CHANGE_PANEL);
    },
  },

  { when: ago(9, '10:30'), by: 'clientMarketing', does: 'asks for a German version of the shop', act: (s) => s.call('changes.raise', { projectKey: STORY_PROJECT, summary: GERMAN, description: 'We plan to sell in Germany and Austria next year: the shop should be available in German.' }, PORTAL) },
  { when: ago(9, '12:00'), by: 'dev1', does: 'acknowledges the German version request', act: (s) => acknowledge(s, GERMAN) },
  { when: ago(7, '10:00'), by: 'dev3', does: 'assesses the German version and submits it for approval', act: (s) => assess(s, GERMAN, { effortDays: 25, scheduleDays: 15, cost: 18000, currency: 'EUR', scope: 'Every page and e-mail, CMS locales, URL structure, hreflang', submit: true, notes: [] }) },
  { when: ago(5, '16:00'), by: 'approver', does: 'declines the German version for this phase', act: (s) => decide(s, GERMAN, { outcome: 'declined', rationale: 'Too large to add before launch; we propose it as phase 2 once the UK shop is live.' }) },

  { when: ago(6, '11:00'), by: 'clientPo', does: 'asks for a newsletter pop-up', act: (s) => s.call('changes.raise', { projectKey: STORY_PROJECT, summary: POPUP, description: 'Show a newsletter sign-up pop-up on the first visit, with a 10% welcome code.' }, PORTAL) },
  {
    when: ago(5, '09:15'), by: 'clientPo', does: 'withdraws the newsletter pop-up',
    act: async (s) => s.call('changes.withdraw', { issueKey: s.key(POPUP), version: await changeVersion(s, POPUP), reason: 'We will use the sign-up form in the footer instead.' }, PORTAL),
  },

  { when: ago(5, '10:00'), by: 'clientMarketing', does: 'asks for a "Complete the look" carousel', act: (s) => s.call('changes.raise', { projectKey: STORY_PROJECT, summary: LOOK_CAROUSEL, description: 'Show the other items of the outfit from the lookbook under each product.' }, PORTAL) },
  { when: ago(5, '13:00'), by: 'pm', does: 'acknowledges the carousel request', act: (s) => acknowledge(s, LOOK_CAROUSEL) },
  { when: ago(2, '15:00'), by: 'dev1', does: 'assesses the carousel and submits it for approval', act: (s) => assess(s, LOOK_CAROUSEL, { effortDays: 3, scheduleDays: 1, cost: 1800, currency: 'EUR', scope: 'Product page component, outfit data in the CMS', submit: true, notes: [{ text: 'Outfits are kept in the CMS by Northwind\'s content team.', visibility: 'client' }] }) },

  { when: ago(3, '10:00'), by: 'clientPo', does: 'asks for a delivery estimate on product pages', act: (s) => s.call('changes.raise', { projectKey: STORY_PROJECT, summary: DELIVERY_ESTIMATE, description: 'Show "Order within 3 h for delivery on Thursday" on the product page.' }, PORTAL) },
  { when: ago(3, '11:30'), by: 'dev1', does: 'acknowledges the delivery estimate request', act: (s) => acknowledge(s, DELIVERY_ESTIMATE) },
  { when: ago(1, '14:00'), by: 'dev1', does: 'starts assessing the delivery estimate (draft)', act: (s) => assess(s, DELIVERY_ESTIMATE, { effortDays: 2, scheduleDays: 1, cost: 1200, currency: 'EUR', scope: 'Product page, carrier cut-off times', submit: false, notes: [] }) },

  // ---- red flags ----
  { when: ago(8, '10:00'), by: 'dev1', does: 'flags a slip on order history', act: (s) => raiseFlag(s, ORDER_HISTORY, { category: 'schedule-slip', severity: 'low', note: 'Two days behind: the orders endpoint took longer than planned.', clientVisible: false }) },
  {
    when: ago(6, '16:00'), by: 'dev1', does: 'resolves the order history slip',
    act: async (s) => {
      const panel = await s.call<{ flags: { id: string; category: string; resolvedAt?: string }[] }>('flags.get', { issueKey: s.key(ORDER_HISTORY) }, FLAGS_PANEL);
      const slip = panel.flags.find((f) => f.category === 'schedule-slip' && !f.resolvedAt);
      if (!slip) throw new Error(`no open schedule-slip flag on ${s.key(ORDER_HISTORY)}`);
      return s.call('flags.resolve', { issueKey: s.key(ORDER_HISTORY), flagId: slip.id, resolution: 'Caught up: the order list shipped to review on time.' }, FLAGS_PANEL);
    },
  },
  { when: ago(4, '11:00'), by: 'dev2', does: 'flags Klarna as uncharted territory', act: (s) => raiseFlag(s, KLARNA, { category: 'uncharted-territory', severity: 'high', note: 'Nobody on the team has integrated Klarna yet, and its test account needs Northwind\'s merchant contract.', clientVisible: false }) },
  { when: ago(3, '16:00'), by: 'dev4', does: 'flags missing tests on discount codes', act: (s) => raiseFlag(s, DISCOUNTS, { category: 'untested-functionality', severity: 'medium', note: 'Two codes on one order (stacking) has no tests yet.', clientVisible: false }) },
  { when: ago(2, '10:00'), by: 'pm', does: 'flags the account migration as blocked on the client', act: (s) => raiseFlag(s, MIGRATE, { category: 'blocked-on-client', severity: 'medium', note: 'We need the customer export from the old shop, with the marketing consent flags, before we can start.', clientVisible: true }) },
  { when: ago(1, '14:30'), by: 'clientPo', does: 'says she is confused about size recommendations', act: (s) => s.call('flags.confused', { issueKey: s.key(SIZE_RECOMMENDATION), note: 'Does this use our loyalty data, or only web orders?' }, PORTAL) },

  // ---- reports: two weekly client reports, each saved, revised, published; a manager draft ----
  { when: weekdayAgo(2, 4, '15:30'), by: 'pm', does: 'saves the client report of the week before last', act: (s) => saveClientReport(s, 2) },
  {
    when: weekdayAgo(2, 4, '16:10'), by: 'pm', does: 'adds her notes to it',
    act: async (s) => {
      const draft = await clientReportOf(s, 2);
      return saveClientReport(s, 2, { reportId: draft.id, version: draft.version, narrative: { status: 'Checkout v1 is in review; payments work end to end on staging.', forecast: 'Next week: order history, saved addresses and the store locator.' } });
    },
  },
  {
    when: weekdayAgo(2, 4, '16:40'), by: 'approver', does: 'publishes it to the client portal',
    act: async (s) => {
      const draft = await clientReportOf(s, 2);
      return s.call('reports.publish', { projectKey: STORY_PROJECT, reportId: draft.id, version: draft.version }, PROJECT_PAGE);
    },
  },
  { when: weekdayAgo(1, 4, '15:00'), by: 'pm', does: 'saves last week\'s client report', act: (s) => saveClientReport(s, 1) },
  { when: weekdayAgo(1, 4, '15:20'), by: 'pm', does: 'saves last week\'s manager report as a draft', act: (s) => s.call('reports.saveDraft', { projectKey: STORY_PROJECT, period: { kind: 'week', date: s.weekday(1, 0) }, audience: 'manager' }, PROJECT_PAGE) },
  {
    when: weekdayAgo(1, 4, '15:45'), by: 'pm', does: 'adds her notes and marks the week at risk',
    act: async (s) => {
      const draft = await clientReportOf(s, 1);
      return saveClientReport(s, 1, {
        reportId: draft.id, version: draft.version,
        narrative: { status: 'Checkout and accounts are on track; launch content is waiting on Northwind.', forecast: 'Next week: Klarna, the UAT walkthrough and the account migration, once the export arrives.' },
        statusOverride: { status: 'at-risk', reason: 'The loyalty rules and the customer export are overdue from Northwind.' },
      });
    },
  },
  {
    when: weekdayAgo(1, 4, '16:00'), by: 'pm', does: 'publishes it to the client portal',
    act: async (s) => {
      const draft = await clientReportOf(s, 1);
      return s.call('reports.publish', { projectKey: STORY_PROJECT, reportId: draft.id, version: draft.version }, PROJECT_PAGE);
    },
  },
  {
    when: weekdayAgo(1, 4, '16:05'), by: 'pm', does: 'shares it by link with Northwind\'s directors',
    act: async (s) => s.call('shares.create', { projectKey: STORY_PROJECT, reportId: (await clientReportOf(s, 1)).id }, PROJECT_PAGE),
  },
];

/** The rules' daily run, last: what the scheduler would have run this morning, over everything above. */
const DAILY_RULES: StoryStep = { when: () => Date.now(), by: 'scheduler', does: 'runs the red-flag rules (daily)', act: (s) => s.schedule('flag-rules-daily') };

export interface PlayedStep {
  at: string;
  by: string;
  does: string;
  /** How long the step took to play. */
  ms: number;
}

export interface StoryResult {
  steps: PlayedStep[];
  ms: number;
}

/**
 * Plays `steps` (default: STORY, then the daily rule run) in time order against the host, each at its
 * time with the handlers idle between steps; the clock is left at the real time. Throws on the
 * first step the app refuses, naming it.
 */
export async function playStory(host: StoryHost, steps: readonly StoryStep[] = STORY, now: number = Date.now()): Promise<StoryResult> {
  const started = performance.now();
  const today = utcDay(new Date(now));
  const project = host.site.projects.find((p) => p.key === STORY_PROJECT);
  if (!project) throw new Error(`The demo story needs project ${STORY_PROJECT}`);
  const scheduled = [...steps, DAILY_RULES]
    .map((step, order) => ({ step, order, at: Math.min(step === DAILY_RULES ? now : step.when(today), now) }))
    .sort((a, b) => a.at - b.at || a.order - b.order);
  const played: PlayedStep[] = [];
  try {
    for (const { step, at: stepAt } of scheduled) {
      host.setClock(stepAt);
      const api: StepApi = {
        async call(functionKey, payload, moduleKey = PROJECT_PAGE) {
          if (step.by === 'scheduler') throw new Error('the scheduler calls no resolver');
          const answer = (await host.app.invoke({ accountId: DEMO_USERS[step.by], moduleKey, functionKey, payload })) as { ok: boolean; data?: any; error?: { message: string; fields?: unknown } };
          if (!answer.ok) throw new Error(`${functionKey} refused: ${answer.error?.message}${answer.error?.fields ? ` ${JSON.stringify(answer.error.fields)}` : ''}`);
          return answer.data;
        },
        key(summary) {
          const found = host.site.issues.filter((i) => i.projectId === project.id && i.summary === summary);
          if (found.length !== 1) throw new Error(`${found.length} ${STORY_PROJECT} issues are called "${summary}"`);
          return found[0].key;
        },
        workday: (n) => isoDate(n >= 0 ? workdaysAfter(today, n) : workdaysBefore(today, -n)),
        weekday: (weeksAgo, day) => isoDate(mondayOnOrBefore(today) - 7 * weeksAgo + day),
        async schedule(moduleKey) {
          await host.app.fireScheduledTrigger(moduleKey);
        },
      };
      const t0 = performance.now();
      const who = step.by === 'scheduler' ? 'Liaison' : DEMO_PEOPLE[step.by].displayName;
      try {
        await step.act(api);
        await host.app.idle();
      } catch (error) {
        throw new Error(`Demo story, ${new Date(stepAt).toISOString()} ${who} ${step.does}: ${error instanceof Error ? error.message : String(error)}`);
      }
      played.push({ at: new Date(stepAt).toISOString(), by: who, does: step.does, ms: Math.round(performance.now() - t0) });
    }
  } finally {
    host.setClock(null);
  }
  return { steps: played, ms: Math.round(performance.now() - started) };
}
