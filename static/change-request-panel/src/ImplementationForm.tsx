/**
 * The work that implements an approved change: link issues that exist (by key) or create new
 * ones in the project (summary and issue type). The issue types are read from Jira as the person
 * (so only types they may use are offered); the server links and creates as the person too.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import { CHANGE_ISSUE_TYPE_NAME, CHANGE_LIMITS } from '../../../src/changes/domain/changeVocabulary';
import { ChoiceSelect } from '../../common/asks/controls';
import { Row, TextInput } from '../../common/changes/controls';
import { issueKeysIn } from '../../common/changes/formValues';
import { getContext } from '../../common/forge';
import { requestJira } from '@forge/bridge/out/fetch';
import { FormFrame } from './FormFrame';
import type { FormProps } from './formProps';

interface NewIssue {
  key: number;
  summary: string;
  issueTypeId: string;
}

type IssueType = { id: string; name: string; subtask?: boolean };

export function ImplementationForm({ view, busy, problem, run, onCancel }: FormProps) {
  const [links, setLinks] = useState('');
  const [creates, setCreates] = useState<NewIssue[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [types, setTypes] = useState<IssueType[] | null>(null);
  const err = (path: string) => problem?.fields?.[path];

  useEffect(() => {
    let live = true;
    (async () => {
      const context = await getContext();
      const projectKey = (context.extension as { project?: { key?: string } }).project?.key ?? view.issueKey.replace(/-\d+$/, '');
      const response = await requestJira(`/rest/api/3/project/${encodeURIComponent(projectKey)}`);
      if (!response.ok) throw new Error(`Jira answered ${response.status}`);
      const project = (await response.json()) as { issueTypes?: IssueType[] };
      return (project.issueTypes ?? []).filter((t) => !t.subtask && t.name !== CHANGE_ISSUE_TYPE_NAME);
    })()
      .then((list) => live && setTypes(list))
      .catch(() => live && setTypes([]));
    return () => {
      live = false;
    };
  }, [view.issueKey]);

  const send = () => {
    const link = issueKeysIn(links);
    // Every added row is sent (a blank one is refused next to its field), so the server's indexes are the rows'.
    const create = creates.map(({ summary, issueTypeId }) => ({ summary, issueTypeId }));
    void run('changes.linkImplementation', { ...(link.length ? { link } : {}), ...(create.length ? { create } : {}) }, 'Implementation work linked');
  };
  const linkErrors = Object.entries(problem?.fields ?? {}).filter(([path]) => path === 'link' || path.startsWith('link.')).map(([, m]) => m);
  const defaultType = types?.find((t) => t.name === 'Task')?.id ?? types?.[0]?.id ?? '';

  return (
    <FormFrame
      label="Link implementation work"
      testId="implementation-form"
      description={view.implementationKeys.length ? `Already linked: ${view.implementationKeys.join(', ')}.` : 'The issues that carry out this change.'}
      busy={busy}
      onCancel={onCancel}
      actions={[{ label: 'Link and create', onClick: send, primary: true, loading: true }]}
    >
      <TextInput label="Link existing issues (keys)" path="link" value={links} onChange={setLinks} placeholder="e.g. SHOP-12, SHOP-14" error={linkErrors.length ? linkErrors.join(' ') : undefined} helper={`Up to ${CHANGE_LIMITS.implementationLinks}, separated by commas or spaces`} />
      {creates.map((issue, i) => (
        <div key={issue.key} role="group" aria-label={`New issue ${i + 1}`}>
          <Row>
            <div style={{ flex: '2 1 220px' }}>
              <TextInput label={`Summary of new issue ${i + 1}`} path={`create.${i}.summary`} value={issue.summary} maxLength={CHANGE_LIMITS.summary} onChange={(summary) => setCreates(creates.map((c) => (c.key === issue.key ? { ...c, summary } : c)))} error={err(`create.${i}.summary`)} />
            </div>
            <div style={{ flex: '1 1 140px' }}>
              <ChoiceSelect
                label={`Type of new issue ${i + 1}`}
                value={issue.issueTypeId}
                options={(types ?? []).map((t) => ({ value: t.id, label: t.name }))}
                onChange={(issueTypeId) => setCreates(creates.map((c) => (c.key === issue.key ? { ...c, issueTypeId } : c)))}
                error={err(`create.${i}.issueTypeId`)}
              />
            </div>
          </Row>
          <Button appearance="subtle" onClick={() => setCreates(creates.filter((c) => c.key !== issue.key))}>
            Remove new issue {i + 1}
          </Button>
        </div>
      ))}
      <div style={{ margin: `${token('space.050', '4px')} 0 ${token('space.100', '8px')}` }}>
        <Button
          isDisabled={types === null || types.length === 0 || creates.length >= CHANGE_LIMITS.implementationCreates}
          onClick={() => {
            setCreates([...creates, { key: nextKey, summary: '', issueTypeId: defaultType }]);
            setNextKey(nextKey + 1);
          }}
        >
          Create a new issue
        </Button>
      </div>
    </FormFrame>
  );
}
