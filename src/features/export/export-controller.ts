// The results workbook as a download, streamed straight into the response.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { actorLabel } from '../../services/actors';
import { canExport, exportWorkbook, ExportStoppedError, workbookFileName, XLSX_TYPE } from '../../services/export/tender-export';
import { WorkbookQuery } from './export-schema';

export function workbookGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = actorOf(res);
    const tender = tenderOf(res);
    if (!canExport(actor, tender)) throw new HttpError(403);
    const query = WorkbookQuery.safeParse(req.query);
    if (!query.success) throw new HttpError(400);
    const { copy } = query.data;
    // A download cancelled half way stops the export (it notices the response closing): the
    // person has gone, so there is nobody to tell.
    const outcome = await exportWorkbook(deps.db, tender.reference, { copy, actor: actorLabel(actor), now: deps.now() }, () => {
      res.status(200);
      res.type(XLSX_TYPE);
      // The name holds letters, digits, '-', '_' and '.' only (workbookFileName), so it needs no encoding.
      res.setHeader('Content-Disposition', `attachment; filename="${workbookFileName(tender.reference, copy)}"`);
      res.setHeader('Cache-Control', 'no-store');
      return res;
    }).catch((error: unknown) => {
      if (error instanceof ExportStoppedError) return 'stopped' as const;
      throw error;
    });
    if (!outcome) throw new HttpError(404);
  };
}
