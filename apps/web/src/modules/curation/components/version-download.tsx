import { versionExportHref } from '../lib/version-export';
import styles from './curation.module.css';

// A frozen version's export as a plain GET form: the browser follows it to the console's route, which
// streams the API's tar as an attachment, so a large export is never held by the page.
export function VersionDownload({ versionId, number }: { versionId: string; number: number }) {
  return (
    <form
      method="get"
      action={versionExportHref(versionId)}
      className={styles.actions}
      aria-label={`Download version ${number}`}
    >
      <label className="field">
        <span className="field-label">Export format</span>
        <select name="format" defaultValue="manifest">
          <option value="manifest">Trainer manifest (manifest.jsonl)</option>
          <option value="loris">LORIS release layout</option>
        </select>
      </label>
      <button type="submit" className="button-secondary">
        Download
      </button>
    </form>
  );
}
