/**
 * Plain text as Atlassian Document Format, the way Liaison posts a person's text to Jira (client
 * messages, descriptions): pure, so the demo site can write exactly what the app writes.
 */
export interface AdfNode {
  type?: string;
  text?: string;
  content?: AdfNode[];
  attrs?: { text?: string };
}

/** A paragraph per blank-line-separated block, hard breaks for newlines. */
export function textToAdf(text: string): AdfNode & { version: 1 } {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return {
    version: 1,
    type: 'doc',
    content: paragraphs.map((paragraph) => ({
      type: 'paragraph',
      content: paragraph.split('\n').flatMap((line, i) => [...(i > 0 ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  };
}
