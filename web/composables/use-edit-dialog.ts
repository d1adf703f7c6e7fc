import { ref, type Ref } from 'vue';
import { useConfirmDelete } from './use-confirm-delete';

/** How a list page deletes one of its records. */
export interface RecordDeletion<T> {
  /** How the confirmation names the record. */
  name: (record: T) => string;
  /** The delete request. */
  remove: (record: T) => Promise<unknown>;
  /** What to reload once the record is gone. */
  reload: () => Promise<unknown>;
}

/**
 * A list page's create/edit dialog: `dialogVisible` and `editing` (null when creating) for the
 * `<Thing>FormDialog`, `openCreate`/`openEdit` for the buttons, and, given `deletion`, `remove`
 * for the row's delete action (asks first, then reloads).
 */
export function useEditDialog<T>(deletion?: RecordDeletion<T>) {
  const { confirmDelete } = useConfirmDelete();
  const dialogVisible = ref(false);
  const editing = ref(null) as Ref<T | null>;

  function openCreate(): void {
    editing.value = null;
    dialogVisible.value = true;
  }

  function openEdit(record: T): void {
    editing.value = record;
    dialogVisible.value = true;
  }

  async function remove(record: T): Promise<void> {
    if (!deletion) return;
    if (await confirmDelete(deletion.name(record), () => deletion.remove(record))) await deletion.reload();
  }

  return { dialogVisible, editing, openCreate, openEdit, remove };
}
