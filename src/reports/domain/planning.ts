/**
 * Project planning settings (issue 17, project level only, internal): the project's time zone,
 * the budget (hours and/or money), rates per role and per person, weekly capacity per person and
 * whether the work is billable. Rates and capacity are internal: settings are read by the team
 * only, and a client report shows money only when the project shows costs to clients.
 */
import { z } from 'zod';
import { isIsoDate, isValidTimeZone } from '../../platform/domain/time';

export const PLANNING_LIMITS = { roles: 30, people: 200, maxRate: 100_000, maxBudgetHours: 10_000_000, maxBudgetAmount: 1_000_000_000_000, maxWeeklyHours: 168 } as const;

const number = (label: string, max: number) =>
  z.number({ error: `${label} must be a number` }).finite(`${label} must be a number`).min(0, `${label} cannot be negative`).max(max, `${label} must be at most ${max.toLocaleString('en-US')}`);
const label = (name: string, max: number) =>
  z.string({ error: `${name} is required` }).trim().min(1, `${name} is required`).max(max, `${name} must be at most ${max} characters`);

export const ProjectTimeZone = z
  .string({ error: 'Time zone is required' })
  .trim()
  .refine(isValidTimeZone, 'Use a time zone name such as Europe/Berlin or America/New_York');

export const PlanningSchema = z
  .object(
    {
      /** The project's time zone: report dates are the calendar dates there (absent: UTC). */
      timeZone: ProjectTimeZone.optional(),
      currency: z.string({ error: 'Currency is required' }).trim().toUpperCase().regex(/^[A-Z]{3}$/, 'Currency is a three-letter code such as EUR or USD'),
      /** Whether the project's hours are billed to the client. */
      billable: z.boolean({ error: 'Billable must be on or off' }),
      budget: z
        .object(
          {
            hours: number('Budget hours', PLANNING_LIMITS.maxBudgetHours).optional(),
            amount: number('Budget amount', PLANNING_LIMITS.maxBudgetAmount).optional(),
            /** Work logged from this date on counts against the budget (absent: all work). */
            from: z.string({ error: 'Budget start must be a date' }).refine(isIsoDate, 'Budget start must be a real date').optional(),
          },
          { error: 'Budget must have hours or an amount' },
        )
        .optional(),
      /** The rate of anyone with no rate of their own and no role rate. */
      defaultRate: number('Default rate', PLANNING_LIMITS.maxRate).optional(),
      roleRates: z
        .array(z.object({ role: label('Role', 60), rate: number('Rate', PLANNING_LIMITS.maxRate) }), { error: 'Role rates must be a list' })
        .max(PLANNING_LIMITS.roles, `At most ${PLANNING_LIMITS.roles} roles`)
        .default([]),
      people: z
        .array(
          z.object({
            accountId: label('Person', 128),
            name: label('Name', 120),
            role: label('Role', 60).optional(),
            rate: number('Rate', PLANNING_LIMITS.maxRate).optional(),
            weeklyHours: number('Weekly hours', PLANNING_LIMITS.maxWeeklyHours).optional(),
          }),
          { error: 'People must be a list' },
        )
        .max(PLANNING_LIMITS.people, `At most ${PLANNING_LIMITS.people} people`)
        .default([]),
    },
    { error: 'Planning must be an object with a currency and billable' },
  )
  .superRefine((value, ctx) => {
    const roles = new Set<string>();
    value.roleRates.forEach((r, i) => {
      const key = r.role.toLowerCase();
      if (roles.has(key)) ctx.addIssue({ code: 'custom', path: ['roleRates', i, 'role'], message: `"${r.role}" is listed twice` });
      roles.add(key);
    });
    const people = new Set<string>();
    value.people.forEach((p, i) => {
      if (people.has(p.accountId)) ctx.addIssue({ code: 'custom', path: ['people', i, 'accountId'], message: `${p.name} is listed twice` });
      people.add(p.accountId);
      if (p.role !== undefined && !roles.has(p.role.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['people', i, 'role'], message: `Add a rate for the role "${p.role}" first` });
    });
  });

export type Planning = z.infer<typeof PlanningSchema>;

/** A person's hourly rate: their own, else their role's, else the default (undefined: no rate). */
export function rateOf(planning: Planning, accountId: string): number | undefined {
  const person = planning.people.find((p) => p.accountId === accountId);
  if (person?.rate !== undefined) return person.rate;
  const role = person?.role?.toLowerCase();
  const roleRate = role === undefined ? undefined : planning.roleRates.find((r) => r.role.toLowerCase() === role)?.rate;
  return roleRate ?? planning.defaultRate;
}
