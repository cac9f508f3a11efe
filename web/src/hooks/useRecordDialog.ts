/** The create/edit dialog of a list page: which record is being edited (null: a new one) and whether it is open. */
import { useCallback, useState } from 'react';

export function useRecordDialog<T>(list: { reload: () => void; reset: () => void }) {
  const [record, setRecord] = useState<T | null>(null);
  const [open, setOpen] = useState(false);
  const create = useCallback(() => {
    setRecord(null);
    setOpen(true);
  }, []);
  const edit = useCallback((r: T) => {
    setRecord(r);
    setOpen(true);
  }, []);
  const close = useCallback(() => setOpen(false), []);
  /** After an edit the page stays where it is; a new record sends the list back to its first page. */
  const onSaved = () => {
    setOpen(false);
    if (record) list.reload();
    else list.reset();
  };
  return { open, record, create, edit, close, onSaved };
}
