import type { StateSection } from './statePaths';
import { baseImageDocument, imageDocument } from './toStateDocuments';
import type { StateTree } from './types';

/**
 * A state file that a merge added, changed or removed.
 *
 * @public
 */
export interface StateChange {
  section: StateSection;
  name: string;
  action: 'added' | 'changed' | 'removed';
}

// A document's JSON: its keys are in the fixed order the renderer writes them,
// so the same JSON is the same file.
const text = (document: unknown) => JSON.stringify(document);

function contents(tree: StateTree): Map<StateSection, Map<string, string>> {
  return new Map<StateSection, Map<string, string>>([
    ['images', new Map(tree.images.map(i => [i.name, text(imageDocument(i))]))],
    [
      'base-images',
      new Map(tree.baseImages.map(i => [i.name, text(baseImageDocument(i))])),
    ],
    [
      'archive/images',
      new Map(tree.archive.images.map(i => [i.name, text(imageDocument(i))])),
    ],
    [
      'archive/base-images',
      new Map(
        tree.archive.baseImages.map(i => [i.name, text(baseImageDocument(i))]),
      ),
    ],
  ]);
}

/**
 * The state files that differ between two trees, by section then name. Compares
 * what the files would hold, so it is empty exactly when rendering both trees
 * gives the same state files.
 *
 * @public
 */
export function diffStates(before: StateTree, after: StateTree): StateChange[] {
  const changes: StateChange[] = [];
  const old = contents(before);
  for (const [section, next] of contents(after)) {
    const prev = old.get(section)!;
    const names = [...new Set([...prev.keys(), ...next.keys()])].sort();
    for (const name of names) {
      const a = prev.get(name);
      const b = next.get(name);
      if (a === undefined) {
        changes.push({ section, name, action: 'added' });
      } else if (b === undefined) {
        changes.push({ section, name, action: 'removed' });
      } else if (a !== b) {
        changes.push({ section, name, action: 'changed' });
      }
    }
  }
  return changes;
}
