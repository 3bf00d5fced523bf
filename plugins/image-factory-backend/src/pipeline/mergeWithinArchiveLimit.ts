import {
  MergeStateInput,
  MergeStateResult,
  mergeStateWithinArchiveLimit,
  MIN_REFUSED_ARCHIVE_COUNT,
} from '@image-factory/backstage-plugin-image-factory-common';
import { PlatformAlert } from '../rebuilds/RebuildNotifier';

const LISTED = 10;

/**
 * Merges the run into the state, archiving nothing when it would archive more
 * than `imageFactory.safety.maxArchiveRatio` of the active images (see
 * `mergeStateWithinArchiveLimit`): then the refusal is an error of the run and
 * an alert to the platform team. A catalog that suddenly answers with nothing
 * (a permission change) does not delete every Warehouse in one commit.
 */
export async function mergeWithinArchiveLimit(
  options: MergeStateInput & {
    /** `imageFactory.safety.maxArchiveRatio`. */
    maxArchiveRatio: number;
    alerts: { alert(alert: PlatformAlert): Promise<void> };
  },
): Promise<MergeStateResult & { errors: string[] }> {
  const { maxArchiveRatio, alerts, ...input } = options;
  const { refused, ...merged } = mergeStateWithinArchiveLimit(
    input,
    maxArchiveRatio,
  );
  if (!refused) {
    return { ...merged, errors: [] };
  }
  const refs = refused.images.map(image => image.entityRef).sort();
  const listed =
    refs.length > LISTED
      ? `${refs.slice(0, LISTED).join(', ')} and ${refs.length - LISTED} more`
      : refs.join(', ');
  const percent = Math.round(maxArchiveRatio * 100);
  const description = `The run would archive ${refs.length} of the ${refused.total} active images (${listed}): more than imageFactory.safety.maxArchiveRatio allows (${percent}%, once at least ${MIN_REFUSED_ARCHIVE_COUNT} would be archived), so nothing was archived and every Warehouse is kept. A catalog answer without these entities is more likely a permission change or an outage than their removal; if they really are gone, remove them in smaller steps or raise the ratio for one run.`;
  await alerts.alert({
    title: 'Image Factory refused to archive most images',
    description,
    scope: 'image-factory:archive-limit',
  });
  return { ...merged, errors: [description] };
}
