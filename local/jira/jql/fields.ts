/**
 * What a field name in a query refers to, in Jira's order of precedence: entity properties
 * (`issue.property[key].path`), system fields, custom fields by `cf[id]` or by name, then search
 * aliases (entity property indexes and Forge custom field properties, `alias` or
 * `Field name.alias`). Field names are case-insensitive, as on Jira.
 */
import type { Field } from '@atlassianlabs/jql-ast';
import type { CompileContext } from './context';
import { aliasSearcher, anyOf, buildCatalog, customFieldSearcher, propertySearcher, type FieldCatalog } from './customFields';
import { JqlError, jqlMessages } from './errors';
import type { Searcher } from './searchers';
import { SYSTEM_FIELDS } from './systemFields';

const catalogs = new WeakMap<CompileContext, FieldCatalog>();

function catalogOf(cx: CompileContext): FieldCatalog {
  let catalog = catalogs.get(cx);
  if (!catalog) {
    catalog = buildCatalog(cx);
    catalogs.set(cx, catalog);
  }
  return catalog;
}

/** The field as the query wrote it, for messages: `issue.property[key].path` keeps its brackets. */
export function fieldLabel(field: Field, cx: CompileContext): string {
  if (field.properties && field.properties.length && field.position) return cx.jql.slice(field.position[0], field.position[1]);
  return field.value;
}

/** The searcher for a field, or null when the site has no such field. */
export function findSearcher(field: Field, cx: CompileContext): Searcher | null {
  const name = fieldLabel(field, cx);
  if (field.properties && field.properties.length) {
    const [property] = field.properties;
    if (field.value.toLowerCase() !== 'issue.property' || field.properties.length !== 1 || !property.key) return null;
    const path = (property.path ?? []).flatMap((p) => p.value.split('.')).filter(Boolean);
    return propertySearcher(cx, name, property.key.value, path);
  }
  const lower = field.value.toLowerCase();
  const catalog = catalogOf(cx);
  const system = SYSTEM_FIELDS[lower];
  if (system) return system(cx, name, catalog.textFieldIds);
  const cf = /^cf\[(\d+)\]$/.exec(lower);
  if (cf) {
    const custom = catalog.customById.get(Number(cf[1]));
    return custom ? customFieldSearcher(cx, custom, name) : null;
  }
  const named = catalog.customByName.get(lower);
  if (named) return anyOf(name, named.map((f) => customFieldSearcher(cx, f, name)));
  // Like a name several fields share, an alias several same-named fields declare searches them all.
  const targets = catalog.aliases.get(lower);
  if (targets) return anyOf(name, targets.map((t) => aliasSearcher(cx, t, name)));
  return null;
}

export function searcherFor(field: Field, cx: CompileContext): Searcher {
  const searcher = findSearcher(field, cx);
  if (!searcher) throw new JqlError(jqlMessages.unknownField(fieldLabel(field, cx)));
  return searcher;
}
