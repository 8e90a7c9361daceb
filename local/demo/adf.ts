/** Builders for the Atlassian Document Format bodies of descriptions, comments and worklog notes. */
import type { AdfDoc } from '../jira/model';

type AdfNode = Record<string, unknown>;

export function text(value: string): AdfNode {
  return { type: 'text', text: value };
}

export function mention(accountId: string, displayName: string): AdfNode {
  return { type: 'mention', attrs: { id: accountId, text: `@${displayName}`, accessLevel: '' } };
}

export function paragraph(...content: Array<string | AdfNode>): AdfNode {
  return { type: 'paragraph', content: content.map((c) => (typeof c === 'string' ? text(c) : c)) };
}

export function heading(level: 1 | 2 | 3 | 4 | 5 | 6, value: string): AdfNode {
  return { type: 'heading', attrs: { level }, content: [text(value)] };
}

export function bulletList(items: string[]): AdfNode {
  return { type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) };
}

export function doc(...content: AdfNode[]): AdfDoc {
  return { type: 'doc', version: 1, content };
}

/** A one-paragraph document. */
export function plainDoc(value: string): AdfDoc {
  return doc(paragraph(value));
}
