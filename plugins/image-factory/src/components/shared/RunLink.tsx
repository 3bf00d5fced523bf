import { Link } from '@backstage/core-components';
import { ReactElement } from 'react';

/** A link to the CI run of a rebuild, or a dash while none is known. */
export function RunLink(props: { runUrl?: string }): ReactElement {
  if (!props.runUrl) {
    return <span>no run yet</span>;
  }
  return <Link to={props.runUrl}>View run</Link>;
}
