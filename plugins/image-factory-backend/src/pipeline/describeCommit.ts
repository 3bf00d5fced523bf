import {
  diffStates,
  StateTree,
} from '@image-factory/backstage-plugin-image-factory-common';

const LISTED = 10;

/**
 * The commit message of a pipeline run: counts of what changed, then the names,
 * so `git log --oneline` of the state repository reads as a history of the fleet.
 */
export function describeCommit(before: StateTree, after: StateTree): string {
  const changes = diffStates(before, after);
  if (changes.length === 0) {
    return 'image-factory: regenerate manifests';
  }
  const count = (action: string) =>
    changes.filter(c => c.action === action).length;
  const counts = (['added', 'changed', 'removed'] as const)
    .map(action => [action, count(action)] as const)
    .filter(([, n]) => n > 0)
    .map(([action, n]) => `${n} ${action}`)
    .join(', ');
  const lines = changes
    .slice(0, LISTED)
    .map(c => `- ${c.action} ${c.section}/${c.name}`);
  if (changes.length > LISTED) {
    lines.push(`- and ${changes.length - LISTED} more`);
  }
  return `image-factory: ${counts}\n\n${lines.join('\n')}\n`;
}
