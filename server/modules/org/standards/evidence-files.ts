import type { AppDeps } from '../../../platform/deps.ts';
import { prepareUpload, type PreparedUpload } from '../../../platform/files/uploads.ts';
import { orgErrors } from '../org.errors.ts';

export const MAX_FILES_PER_ITEM = 20;

export type PreparedEvidenceFile = PreparedUpload;

/**
 * Evidence photos and documents (platform/files/uploads.ts): the type from the bytes, which must
 * also agree with what the name claims (a text file named .png is refused), the size bounded, a
 * photo's GPS position removed.
 */
export function prepareEvidenceFile(deps: AppDeps, bytes: Uint8Array, filename: string): Promise<PreparedEvidenceFile> {
  return prepareUpload(deps, bytes, filename, {
    accept: 'document', field: 'file', matchName: true,
    refuse: { tooLarge: (m) => orgErrors.STANDARD_FILE_TOO_LARGE(m, { field: 'file' }), notAllowed: (m) => orgErrors.STANDARD_FILE_TYPE_NOT_ALLOWED(m, { field: 'file' }) },
  });
}
