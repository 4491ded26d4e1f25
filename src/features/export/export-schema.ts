// The workbook download's query: which copy (`?copy=panel` for the panel's copy).
import { z } from 'zod';
import { EXPORT_COPIES } from '../../services/export/tender-export';

export const WorkbookQuery = z.object({
  copy: z.enum(EXPORT_COPIES).default('procurement'),
});
