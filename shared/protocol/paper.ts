import { z } from 'zod';
import type { Block, PaperDocument } from '../documents/model';

/**
 * The paper document model (shared/documents/model.ts) as a schema, so the Electron main
 * process can check what a renderer asks it to print before a byte reaches the printer.
 * Limits are generous for real paper and small enough that a bad page cannot jam the queue.
 */
const Text = z.string().max(2000);
const Size = z.enum(['normal', 'double']).optional();
const Align = z.enum(['left', 'center', 'right']).optional();

export const BlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: Text, align: Align, bold: z.boolean().optional(), size: Size }),
  z.object({ kind: z.literal('pair'), left: Text, right: Text, bold: z.boolean().optional(), size: Size }),
  z.object({
    kind: z.literal('columns'),
    cells: z.array(z.object({ text: Text, width: z.number().int().min(1).max(48).optional(), align: Align })).min(1).max(6),
    bold: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('signature'), label: Text }),
  z.object({ kind: z.literal('rule') }),
  z.object({ kind: z.literal('blank') }),
  z.object({ kind: z.literal('qr'), data: z.string().min(1).max(500), caption: Text.optional() }),
  z.object({ kind: z.literal('cut') }),
]);

export const PaperDocumentSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(['receipt', 'warranty', 'refund', 'passbook', 'selftest', 'daysummary']),
  lang: z.enum(['ru', 'en']),
  copy: z.boolean(),
  blocks: z.array(BlockSchema).min(1).max(500),
});

// The schema and the hand-written model must not drift apart: both directions must assign.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const paperSchemaMatchesModel: Same<z.infer<typeof BlockSchema>, Block> & Same<z.infer<typeof PaperDocumentSchema>, PaperDocument> = true;
