/**
 * Jira-like text search for `~` / `!~`: documents and queries are split into lower-case words,
 * English stop words are dropped and a minimal English plural stemmer is applied (as Lucene's
 * analyzers do for Jira's "English" indexing language). A query matches when every term is
 * present (words in any order); a quoted phrase must appear as adjacent words; `*` and `?` are
 * wildcards within a word. Word lists are cached per text (strings) or per ADF document object
 * (the sandbox replaces a description or comment body when it is edited, never mutates it).
 */

/** Lucene's English stop words: not indexed, ignored in queries. */
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of', 'on', 'or',
  'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
]);

/** Lucene's EnglishMinimalStemmer: folds plurals ("flags" -> "flag", "queries" -> "query"). */
export function stem(word: string): string {
  const n = word.length;
  if (n < 3 || word[n - 1] !== 's') return word;
  switch (word[n - 2]) {
    case 'u':
    case 's':
      return word;
    case 'e':
      if (n > 3 && word[n - 3] === 'i' && word[n - 4] !== 'a' && word[n - 4] !== 'e') return `${word.slice(0, n - 3)}y`;
      if ('iaoe'.includes(word[n - 3])) return word;
      return word.slice(0, n - 1);
    default:
      return word.slice(0, n - 1);
  }
}

/** An analysed text: raw words (for wildcards) and stemmed words (for terms and phrases), stop words removed. */
export interface Words {
  raw: string[];
  stemmed: string[];
  stemmedSet: Set<string>;
}

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

export function analyse(text: string): Words {
  const raw = text.toLowerCase().split(WORD_SPLIT).filter((w) => w !== '' && !STOP_WORDS.has(w));
  const stemmed = raw.map(stem);
  return { raw, stemmed, stemmedSet: new Set(stemmed) };
}

const EMPTY_WORDS: Words = { raw: [], stemmed: [], stemmedSet: new Set() };
const stringWords = new Map<string, Words>();
const STRING_CACHE_LIMIT = 200_000;
const docWords = new WeakMap<object, Words>();

export function wordsOfString(text: string | null | undefined): Words {
  if (!text) return EMPTY_WORDS;
  let words = stringWords.get(text);
  if (!words) {
    words = analyse(text);
    if (stringWords.size >= STRING_CACHE_LIMIT) stringWords.clear();
    stringWords.set(text, words);
  }
  return words;
}

/** The plain text of an Atlassian Document Format node (text, mentions, emoji, links' text). */
export function adfText(node: unknown): string {
  const parts: string[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const { type, text, attrs, content } = n as { type?: string; text?: unknown; attrs?: Record<string, unknown>; content?: unknown };
    if (typeof text === 'string') parts.push(text);
    if (attrs && (type === 'mention' || type === 'emoji' || type === 'status') && typeof attrs.text === 'string') parts.push(attrs.text);
    if (Array.isArray(content)) for (const child of content) walk(child);
    parts.push(' ');
  };
  walk(node);
  return parts.join('');
}

export function wordsOfDoc(doc: object | null | undefined): Words {
  if (!doc) return EMPTY_WORDS;
  let words = docWords.get(doc);
  if (!words) {
    words = analyse(adfText(doc));
    docWords.set(doc, words);
  }
  return words;
}

type Term =
  | { kind: 'word'; stem: string }
  | { kind: 'wildcard'; pattern: RegExp }
  | { kind: 'phrase'; stems: string[] };

/** A compiled `~` query: true when every term is found in one of the given texts. */
export interface TextQuery {
  terms: Term[];
  matches(texts: Words[]): boolean;
}

/** Compiles the operand of `~`. Returns null when nothing searchable is left (only stop words or punctuation). */
export function compileTextQuery(query: string): TextQuery | null {
  const terms: Term[] = [];
  // Quoted phrases first ("full screen"), then whitespace-separated words.
  const rest = query.replace(/"([^"]*)"/g, (_, phrase: string) => {
    const words = analyse(phrase).stemmed;
    if (words.length === 1) terms.push({ kind: 'word', stem: words[0] });
    else if (words.length > 1) terms.push({ kind: 'phrase', stems: words });
    return ' ';
  });
  for (const token of rest.split(/\s+/)) {
    if (!token) continue;
    if (/[*?]/.test(token)) {
      const body = token.toLowerCase().replace(/[^\p{L}\p{N}*?]/gu, '');
      if (!body.replace(/[*?]/g, '')) continue;
      const source = body.replace(/\*/g, '[\\p{L}\\p{N}]*').replace(/\?/g, '[\\p{L}\\p{N}]');
      terms.push({ kind: 'wildcard', pattern: new RegExp(`^${source}$`, 'u') });
      continue;
    }
    const words = analyse(token).stemmed;
    // "e-mail" is one search term of two adjacent words, as the analyser splits it.
    if (words.length === 1) terms.push({ kind: 'word', stem: words[0] });
    else if (words.length > 1) terms.push({ kind: 'phrase', stems: words });
  }
  if (terms.length === 0) return null;
  return { terms, matches: (texts) => terms.every((term) => texts.some((t) => termIn(term, t))) };
}

function termIn(term: Term, words: Words): boolean {
  switch (term.kind) {
    case 'word':
      return words.stemmedSet.has(term.stem);
    case 'wildcard':
      return words.raw.some((w) => term.pattern.test(w));
    case 'phrase': {
      const [first] = term.stems;
      if (!words.stemmedSet.has(first)) return false;
      const seq = words.stemmed;
      for (let i = seq.indexOf(first); i !== -1 && i + term.stems.length <= seq.length; i = seq.indexOf(first, i + 1)) {
        if (term.stems.every((s, k) => seq[i + k] === s)) return true;
      }
      return false;
    }
  }
}
