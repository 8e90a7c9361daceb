/**
 * How the issue view shows a Forge custom field's value without a view resource: through its
 * `formatter.expression` (a Jira expression over `value`) when it has one, as Jira does; else the
 * raw value. A formatter that fails shows the raw value with the reason, in the page text, the way
 * Jira shows a field it cannot render instead of failing the page.
 */
import type { CustomFieldModule } from '../manifest';
import { formatWithExpression, JiraEntity } from '../jiraExpression';
import { esc, person } from './html';

/** The raw value: a person for users, text for scalars, JSON for anything else. */
export function fieldValueText(value: unknown): string {
  // Jira writes an empty field's "None" in its subtlest grey, not in a warning colour.
  if (value === null || value === undefined || value === '') return '<span class="field-none">None</span>';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return esc(value);
  if (typeof value === 'object' && value && 'displayName' in value) return person(value as { accountId: string; displayName: string });
  return `<pre>${esc(JSON.stringify(value, null, 2))}</pre>`;
}

/** What the formatter may read besides `value` (Forge's formatter context variables). */
export interface FormatterScope {
  fieldId: string;
  issue: { id: string; key: string; summary?: string };
  project: { id: string; key: string; name?: string };
  user: { accountId: string; displayName: string };
}

function formatterVariables(value: unknown, scope: FormatterScope): Record<string, unknown> {
  const numericId = (id: string) => (/^\d+$/.test(id) ? Number(id) : id);
  return {
    value,
    fieldId: scope.fieldId,
    issue: new JiraEntity('Issue', { id: numericId(scope.issue.id), key: scope.issue.key, ...(scope.issue.summary !== undefined ? { summary: scope.issue.summary } : {}) }),
    project: new JiraEntity('Project', { id: numericId(scope.project.id), key: scope.project.key, ...(scope.project.name !== undefined ? { name: scope.project.name } : {}) }),
    user: new JiraEntity('User', { accountId: scope.user.accountId, displayName: scope.user.displayName }),
  };
}

/** The `<div class="field-value">` for a field row of the issue view. */
export function renderFieldValue(module: CustomFieldModule, value: unknown, scope: FormatterScope): string {
  const expression = module.formatter?.expression;
  // An empty field shows "None" as Jira's issue view does; the formatter only sees set values.
  if (!expression || value === null || value === undefined) return `<div class="field-value">${fieldValueText(value)}</div>`;
  const result = formatWithExpression(expression, formatterVariables(value, scope));
  if (result.ok) return `<div class="field-value formatted">${esc(result.text)}</div>`;
  return `<div class="field-value unrendered">
<p class="field-error" role="note"><strong>Unable to render this value.</strong> The field's formatter failed: ${esc(result.error.message)}</p>
${fieldValueText(value)}
</div>`;
}
