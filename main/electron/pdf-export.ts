/**
 * The desktop app's PDF report: the calling window printed with printToPDF (A4 landscape, with backgrounds, using
 * the page's print styles) into a file the user picks in a save dialog, Documents by default.
 */
import { app, BrowserWindow, dialog, webContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type IpcResult } from '../../common/ipc/result';
import { describeError, type Logger } from '../../common/logging/logger';
import type { CallerContext } from '../ipc/router';

/** Saves the caller's window as a PDF. */
export function createPdfExporter(
  logger: Logger,
): (caller: CallerContext, title: string) => Promise<IpcResult<{ savedTo: string }>> {
  return async (caller, title) => {
    const contents = webContents.fromId(Number(caller.callerId.replace(/^window-/, '')));
    if (contents === undefined || contents.isDestroyed()) return fail('INTERNAL', 'the window to print is gone');
    const window = BrowserWindow.fromWebContents(contents);
    const fileName = `${title.replace(/[^A-Za-z0-9 ._-]/g, '_').slice(0, 100)}.pdf`;
    const options = {
      defaultPath: join(app.getPath('documents'), fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const choice =
      window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
    if (choice.canceled || choice.filePath === undefined) return fail('CANCELLED', 'not saved');
    try {
      const pdf = await contents.printToPDF({ printBackground: true, landscape: true, pageSize: 'A4' });
      await writeFile(choice.filePath, pdf);
      logger.info('report saved as PDF', { bytes: pdf.byteLength });
      return ok({ savedTo: choice.filePath });
    } catch (error) {
      return fail('INTERNAL', `the PDF could not be written (${describeError(error)})`);
    }
  };
}
