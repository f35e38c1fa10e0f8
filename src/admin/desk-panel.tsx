/**
 * The editor's desk in the article's edit view (a content-manager side panel): the article's
 * takedown state with the actions to withhold it (this copy or the whole story) or restore it,
 * its captures, its copies from other aggregators, and its related lists as the public sees them.
 * Data and actions come from the app's admin routes (src/desk/routes.ts), which check the
 * editor's permissions and go through the same takedown service as the Takedown collection.
 */
import * as React from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Badge, Box, Button, Dialog, Field, Flex, Link, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';

const ARTICLE = 'api::article.article';

interface Desk {
  article: { documentId: string; title: string; published: boolean; withheldAt: string | null; withheldBeijing: string | null };
  captures: { documentId: string; beijing: string; kind: 'first' | 'revisit' | 'changed'; capturedBy: string | null; mementoUrl: string | null }[];
  reprints: { documentId: string; title: string; source: string | null; distance: number }[];
  takedowns: { documentId: string; scope: 'article' | 'story'; state: string; requester: string; reason: string | null; enforcedAt: string | null; article: { documentId: string; title: string } | null }[];
  related: { curated: { title: string | null; excerpt: string; url: string | null }[]; computed: { documentId: string; title: string; score: number | null }[] };
}

const KIND_LABEL = { first: 'first capture', revisit: 'revisit (unchanged)', changed: 'changed recapture' } as const;

/** Beijing time, as the archive prints times. */

const editUrl = (documentId: string) => `/content-manager/collection-types/${ARTICLE}/${documentId}`;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box paddingTop={3} width="100%">
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {title}
      </Typography>
      <Box paddingTop={1}>{children}</Box>
    </Box>
  );
}

function WithholdDialog({ scope, onConfirm }: { scope: 'article' | 'story'; onConfirm: (requester: string, reason: string) => Promise<void> }) {
  const [requester, setRequester] = React.useState('');
  const [reason, setReason] = React.useState('');
  const label = scope === 'story' ? 'Withhold the story' : 'Withhold this copy';
  return (
    <Dialog.Root>
      <Dialog.Trigger>
        <Button variant={scope === 'story' ? 'danger' : 'danger-light'} fullWidth>
          {label}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{label} (侵权删除)</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" gap={3} width="100%" alignItems="stretch">
            <Typography>
              {scope === 'story'
                ? 'Every copy of this story, from every aggregator, later ones included, answers 451 until restored.'
                : 'This copy answers 451 until restored; other copies of the story stay public.'}
            </Typography>
            <Field.Root name="requester" required>
              <Field.Label>Rights holder (权利人)</Field.Label>
              <TextInput value={requester} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setRequester(event.target.value)} />
            </Field.Root>
            <Field.Root name="reason">
              <Field.Label>Reason (侵权理由)</Field.Label>
              <Textarea value={reason} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setReason(event.target.value)} />
            </Field.Root>
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">Cancel</Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button variant="danger" disabled={requester.trim() === ''} onClick={() => onConfirm(requester, reason)}>
              Withhold
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}

function DeskContent({ documentId, version }: { documentId: string; version: string }) {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [desk, setDesk] = React.useState<Desk | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const path = `/admin/kuaizhao/articles/${documentId}`;

  const load = React.useCallback(async () => {
    try {
      const { data } = await get<{ data: Desk }>(`${path}/desk`);
      setDesk(data.data);
      setProblem(null);
    } catch (error: any) {
      setProblem(error?.response?.data?.error?.message ?? String(error));
    }
  }, [get, path]);
  React.useEffect(() => {
    load();
  }, [load, version]);

  const act = async (action: 'withhold' | 'restore', body: object, done: string) => {
    try {
      const { data } = await post<{ data: Desk }>(`${path}/${action}`, body);
      setDesk(data.data);
      toggleNotification({ type: 'success', message: done });
    } catch (error: any) {
      toggleNotification({ type: 'danger', message: error?.response?.data?.error?.message ?? String(error) });
    }
  };

  if (problem) return <Typography textColor="danger600">{problem}</Typography>;
  if (!desk) return <Typography textColor="neutral600">Loading…</Typography>;
  const enforced = desk.takedowns.filter((takedown) => takedown.state === 'enforced');

  return (
    <Flex direction="column" alignItems="stretch" width="100%" gap={1}>
      <Section title="Takedown (侵权删除)">
        {desk.article.withheldAt ? (
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography>
              <Badge active>Withheld</Badge> since {desk.article.withheldBeijing}
            </Typography>
            {enforced.map((takedown) => (
              <Typography key={takedown.documentId} variant="pi">
                By notice of {takedown.requester} ({takedown.scope === 'story' ? 'whole story' : 'this copy'}
                {takedown.article && takedown.article.documentId !== documentId ? `, named on “${takedown.article.title}”` : ''}
                ){takedown.reason ? `: ${takedown.reason}` : ''}
              </Typography>
            ))}
            <Button variant="secondary" fullWidth onClick={() => act('restore', {}, 'Restored: the article is public again')}>
              Restore
            </Button>
          </Flex>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography>
              <Badge>{desk.article.published ? 'Public' : 'Not published'}</Badge>
            </Typography>
            {(['article', 'story'] as const).map((scope) => (
              <WithholdDialog
                key={scope}
                scope={scope}
                onConfirm={(requester, reason) => act('withhold', { scope, requester, reason: reason || null }, scope === 'story' ? 'The story is withheld' : 'This copy is withheld')}
              />
            ))}
          </Flex>
        )}
      </Section>

      <Section title={`Captures (快照) · ${desk.captures.length}`}>
        <ol aria-label="Captures">
          {desk.captures.map((capture) => (
            <li key={capture.documentId}>
              <Typography variant="pi">
                {capture.beijing} · {KIND_LABEL[capture.kind]}
                {capture.capturedBy ? ` · ${capture.capturedBy}` : ''}{' '}
                {capture.mementoUrl ? (
                  <Link href={capture.mementoUrl} isExternal>
                    memento
                  </Link>
                ) : null}
              </Typography>
            </li>
          ))}
        </ol>
      </Section>

      <Section title={`Copies (转载) · ${desk.reprints.length}`}>
        {desk.reprints.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            No other published copy
          </Typography>
        ) : (
          <ul aria-label="Copies">
            {desk.reprints.map((copy) => (
              <li key={copy.documentId}>
                <Typography variant="pi">
                  <RouterLink to={editUrl(copy.documentId)}>{copy.title}</RouterLink> · {copy.source ?? 'no source'} · {copy.distance} bits apart
                </Typography>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Related (相关资讯)">
        <Typography variant="pi" fontWeight="bold">
          Curated, in page order
        </Typography>
        <ol aria-label="Curated related links">
          {desk.related.curated.map((link, index) => (
            <li key={index}>
              <Typography variant="pi">{link.title ?? link.excerpt}</Typography>
            </li>
          ))}
        </ol>
        <Typography variant="pi" fontWeight="bold">
          Computed, as the public sees them (read-only)
        </Typography>
        {desk.related.computed.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            {desk.article.published && !desk.article.withheldAt ? 'None' : 'Shown once the article is public'}
          </Typography>
        ) : (
          <ol aria-label="Computed related articles">
            {desk.related.computed.map((item) => (
              <li key={item.documentId}>
                <Typography variant="pi">
                  <RouterLink to={editUrl(item.documentId)}>{item.title}</RouterLink>
                </Typography>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </Flex>
  );
}

/** The side panel, for articles that exist (not on the create page). */
export const DeskPanel = ({ model, documentId, document }: { model: string; documentId?: string; document?: { updatedAt?: string } }) => {
  if (model !== ARTICLE || !documentId) return null;
  return {
    title: 'Captures · copies · takedowns',
    content: <DeskContent documentId={documentId} version={document?.updatedAt ?? ''} />,
  };
};
