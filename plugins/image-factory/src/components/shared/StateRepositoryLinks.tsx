import { Link } from '@backstage/core-components';
import {
  ImageStateLinks,
  ImageStatePaths,
} from '@image-factory/backstage-plugin-image-factory-common';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { WrappingCode } from './WrappingCode';

function FileLink(props: {
  label: string;
  url?: string | null;
  path?: string;
  /** The state repository has no web page: say why the path is not linked. */
  local: boolean;
}): ReactElement | null {
  if (props.url) {
    return (
      <Typography variant="body2">
        <Link
          to={props.url}
          aria-label={props.path ? `${props.label} ${props.path}` : undefined}
        >
          {props.label}
        </Link>
        {props.path && (
          <>
            {' '}
            <WrappingCode>{props.path}</WrappingCode>
          </>
        )}
      </Typography>
    );
  }
  if (props.path) {
    return (
      <Typography variant="body2">
        {props.label}: <WrappingCode>{props.path}</WrappingCode>
        {props.local && ' (local state repository)'}
      </Typography>
    );
  }
  return null;
}

// The files, in the order they are listed; the same keys name their paths
// and their links.
const FILES: { key: keyof ImageStatePaths; label: string }[] = [
  { key: 'stateFile', label: 'State file' },
  { key: 'warehouseManifest', label: 'Warehouse manifest' },
];

/**
 * Where an image's or a base image's generated files live in the state
 * repository: its state file and its Kargo Warehouse manifest.
 */
export function StateRepositoryLinks(props: {
  /** Absent in a document stored before the plugin wrote them. */
  links?: ImageStateLinks;
  paths?: ImageStatePaths;
}): ReactElement {
  const { links = {}, paths } = props;
  const local = !links.stateFile && !links.warehouseManifest;
  if (local && !paths) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not written to the state repository yet.
      </Typography>
    );
  }
  return (
    <>
      {FILES.map(({ key, label }) => (
        <FileLink
          key={key}
          label={label}
          url={links[key]}
          path={paths?.[key]}
          local={local}
        />
      ))}
    </>
  );
}
