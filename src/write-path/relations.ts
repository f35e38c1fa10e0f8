/**
 * A relation in Document Service input can be written many ways: a documentId, an id, an object
 * with either, or `{ connect | set: [...] }`. The write rules only need to know which single
 * document a many-to-one field points at.
 */
export type RelationRef = { documentId: string } | { id: number } | null;

function refOf(value: unknown): RelationRef | undefined {
  if (typeof value === 'string') return value ? { documentId: value } : null;
  if (typeof value === 'number') return { id: value };
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.documentId === 'string') return { documentId: record.documentId };
    if (typeof record.id === 'number') return { id: record.id };
    for (const key of ['set', 'connect']) {
      const list = record[key];
      if (Array.isArray(list)) return list.length ? refOf(list[list.length - 1]) ?? null : key === 'set' ? null : undefined;
      if (list !== undefined) return refOf(list);
    }
    if (Array.isArray(record.disconnect) && record.disconnect.length) return null;
  }
  if (value === null) return null;
  return undefined;
}

/** The document a many-to-one relation input points at; `undefined` when the input leaves it unchanged. */
export function manyToOneRef(value: unknown): RelationRef | undefined {
  if (value === undefined) return undefined;
  return refOf(value);
}
